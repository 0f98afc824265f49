import { describe, expect, test } from 'vitest'
import { unmappedSentence } from './unmapped-sentence'

describe('unmappedSentence', () => {
  test('names the used values with their counts and leaves out values no item uses', () => {
    const sentence = unmappedSentence({
      states: [
        { source: 'jira', name: 'Weird Status', items: 3 },
        { source: 'jira', name: 'Never Used', items: 0 },
      ],
      types: [{ source: 'github', name: 'Spike', items: 1200 }],
    })
    expect(sentence).toContain('status “Weird Status” of jira (3)')
    expect(sentence).toContain('type “Spike” of github (1,200)')
    expect(sentence).not.toContain('Never Used')
  })

  test('says how many more there are when more than five values are unmapped', () => {
    const states = Array.from({ length: 7 }, (_, i) => ({ source: 's', name: `S${i}`, items: 1 }))
    expect(unmappedSentence({ states, types: [] })).toMatch(/and 2 more\.$/)
  })
})
