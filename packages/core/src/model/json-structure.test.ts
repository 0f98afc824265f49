import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { MAX_JSON_DEPTH, findJsonStructureProblem } from './json-structure'

describe('findJsonStructureProblem', () => {
  test('finds a repeated member name when it is in the line, nested, escaped or in a large object', () => {
    const many = Array.from({ length: 40 }, (_, i) => `"m${i}":${i}`).join(',')
    const cases: [string, string][] = [
      ['{"key":"A-1","type":"x","key":"A-2"}', 'duplicate member "key"'],
      ['{"a":1,"fields":{"p":{"q":1,"q":2}}}', 'duplicate member "q" in "fields"'],
      ['{"changes":[{"at":"x","to":null,"to":"y"}]}', 'duplicate member "to" in "changes"'],
      ['{"k\\u0065y":1,"key":2}', 'duplicate member "key"'],
      ['{"key":1,"k\\u0065y":2}', 'duplicate member "key"'],
      [`{"fields":{${many},"m7":0}}`, 'duplicate member "m7" in "fields"'],
      [`{"fields":{${many},"m\\u0037":0}}`, 'duplicate member "m7" in "fields"'],
    ]
    for (const [text, reason] of cases) expect(findJsonStructureProblem(text), text).toBe(reason)
  })

  test('finds nothing when names repeat only across objects or inside strings', () => {
    for (const text of [
      '{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}',
      '{"t":"\\"t\\":1,\\"t\\":2","x":"{[,:"}',
      '{"a":"\\\\","b":"\\\\\\"","a\\\\":1}',
      '{"":1,"x":{"":2}}',
      '{}',
    ])
      expect(findJsonStructureProblem(text), text).toBeUndefined()
  })

  test('refuses nesting deeper than the limit and names the member when it holds the depth', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
    expect(findJsonStructureProblem(`{"f":${nested(MAX_JSON_DEPTH - 1)}}`)).toBeUndefined()
    expect(findJsonStructureProblem(`{"f":${nested(MAX_JSON_DEPTH)}}`)).toBe(
      '"f" is nested deeper than 64 levels',
    )
    expect(findJsonStructureProblem(`{"f":1,"g":{"h":${nested(500_000)}}}`)).toBe(
      '"g" is nested deeper than 64 levels',
    )
  })

  test('agrees with a parse that keeps every member when the text is any JSON', () => {
    const names = fc.constantFrom('a', 'b', 'k\\u0065y', 'key', 'x"', '')
    const value: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('1', 'null', '"s"', '"{\\"a\\":1}"'),
        fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
        fc
          .array(fc.tuple(names, tie('value')), { maxLength: 4 })
          .map((members) => `{${members.map(([n, v]) => `${JSON.stringify(n)}:${v}`).join(',')}}`),
      ),
    })).value
    fc.assert(
      fc.property(value, (text) => {
        const expected = hasRepeatedName(text)
        expect(findJsonStructureProblem(`{"v":${text}}`) !== undefined).toBe(expected)
      }),
      { numRuns: 2000 },
    )
  })
})

/** Whether any object of the JSON text repeats a decoded name: a tokenizer of regular expressions. */
function hasRepeatedName(text: string): boolean {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|[{}[\]:,]|[^"{}[\]:,\s]+/g) ?? []
  const stack: (Set<string> | undefined)[] = []
  let expectName = false
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token === '{' || token === '[') {
      stack.push(token === '{' ? new Set() : undefined)
      expectName = token === '{'
    } else if (token === '}' || token === ']') stack.pop()
    else if (token === ',') expectName = stack[stack.length - 1] !== undefined
    else if (token === ':') expectName = false
    else if (expectName) {
      const name = JSON.parse(token) as string
      const names = stack[stack.length - 1]!
      if (names.has(name)) return true
      names.add(name)
      expectName = false
    }
  }
  return false
}
