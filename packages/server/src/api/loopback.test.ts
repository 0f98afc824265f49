import { expect, test } from 'vitest'
import { isLoopbackHost } from './loopback'

test.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])(
  'takes %s for loopback',
  (host) => expect(isLoopbackHost(host)).toBe(true),
)

test.each(['0.0.0.0', '::', '192.168.1.5', 'example.com', 'localhost.evil.example', '128.0.0.1'])(
  'does not take %s for loopback when it reaches beyond this machine',
  (host) => expect(isLoopbackHost(host)).toBe(false),
)
