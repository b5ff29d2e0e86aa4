import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { commands } from './commands'
import { inProcessCli } from './testing/in-process'

const cli = inProcessCli('help cli test')
const RU = { B24DESK_LANG: 'ru' }

/** `-h`, `--help` and `help COMMAND` on every command and group (issue 19). */
describe('help', () => {
  it('every command prints its help for -h, --help and "help COMMAND", usage first', async () => {
    for (const c of commands) {
      const words = c.name.split(' ')
      const forms = [
        await cli([...words, '-h']),
        await cli([...words, '--help']),
        await cli(['help', ...words])
      ]
      for (const out of forms) {
        expect(out.code, `${c.name}: ${out.stderr}`).toBe(0)
        expect(out.stdout).toMatch(
          new RegExp(`^Usage: b24desk ${c.name}\\b.*\\[--data-dir DIR\\] \\[--json\\]\\n\\n`)
        )
        // A usage line ends before its explanation: no sentence in parentheses after the options.
        expect(out.stdout.split('\n')[0]).not.toMatch(/\(\w+ \w+ \w+/)
      }
      expect(forms[1].stdout).toBe(forms[0].stdout)
      expect(forms[2].stdout).toBe(forms[0].stdout)
      const ru = await cli([...words, '--help'], RU)
      expect(ru.stdout).toMatch(new RegExp(`^Использование: b24desk ${c.name}\\b`))
    }
  }, 60_000)

  it('explains --offline on every listing that takes it, in both languages', async () => {
    for (const c of commands.filter((x) => x.flags && 'offline' in x.flags)) {
      expect((await cli([c.name, '--help'])).stdout).toMatch(
        /--offline shows the list cached at the last successful read/
      )
      expect((await cli([c.name, '--help'], RU)).stdout).toMatch(/--offline показывает список, сохранённый/)
    }
  })

  it('a group alone, with -h or after "help" lists its commands', async () => {
    for (const group of ['portal', 'snapshot', 'maintenance']) {
      const members = commands.filter((c) => c.name.startsWith(`${group} `))
      const alone = await cli([group])
      expect(alone.code).toBe(2)
      expect(alone.stderr).toMatch(new RegExp(`say which "${group}" command`))
      for (const out of [
        alone,
        await cli([group, '-h']),
        await cli([group, '--help']),
        await cli(['help', group])
      ]) {
        expect(out.stdout).toMatch(new RegExp(`^Usage: b24desk ${group} <command>`))
        for (const m of members)
          expect(out.stdout).toMatch(new RegExp(`^  ${m.name.slice(group.length + 1)}\\s+\\S`, 'm'))
      }
      const ru = await cli([group, '--help'], RU)
      expect(ru.code).toBe(0)
      expect(ru.stdout).toMatch(new RegExp(`^Использование: b24desk ${group} <команда>`))
    }
  })

  it('b24desk, -h, --help and help list every command; an unknown one is a usage error', async () => {
    for (const args of [['-h'], ['--help'], ['help']]) {
      const out = await cli(args)
      expect(out.code).toBe(0)
      for (const c of commands) expect(out.stdout).toContain(`  ${c.name} `)
    }
    expect((await cli([])).code).toBe(2)
    const unknown = await cli(['help', 'nonsense'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/no command "nonsense"/)
    expect((await cli(['help'], RU)).stdout).toMatch(/^Использование: b24desk <команда>/)
  })

  it('docs/cli.md lists exactly the commands the help lists', async () => {
    const readme = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8')
    const block = /<!-- commands -->([\s\S]*?)<!-- \/commands -->/.exec(readme)?.[1] ?? ''
    const listed = [...block.matchAll(/`b24desk ([a-z]+(?: [a-z]+)?)`/g)].map((m) => m[1])
    const help = (await cli(['help'])).stdout
    const inHelp = [...help.matchAll(/^ {2}([a-z]+(?: [a-z]+)?)(?: [A-Z]+)?\s{2,}/gm)].map((m) => m[1])
    expect(listed.length).toBeGreaterThan(10)
    expect(listed.sort()).toEqual(inHelp.sort())
  })

  it('refuses unknown options and ids beyond the safe range clearly', async () => {
    const typo = await cli(['jobs', '--limt', '3'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toMatch(/^b24desk: unknown option --limt\nUsage: b24desk jobs/)
    const big = await cli(['job', '9007199254740993'])
    expect(big.code).toBe(2)
    expect(big.stderr).toMatch(/"9007199254740993" is not an ID/)
    const ru = await cli(['job', '9007199254740993'], RU)
    expect(ru.stderr).toMatch(/"9007199254740993" — не ID/)
    const snap = await cli(['snapshot', 'diff', '99999999999999999999'])
    expect(snap.code).toBe(2)
    const missing = await cli(['portal', 'add', '--name'])
    expect(missing.stderr).toMatch(/--name needs a value/)
    for (const out of [typo, big, snap, missing]) expect(out.stderr).not.toMatch(/\/work|\.ts:|at |ERR_/)
  })
})
