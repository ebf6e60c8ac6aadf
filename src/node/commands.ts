/** The CLI's subcommands besides serving: each resolves to the process's exit code. */
export async function runCommand(command: 'verify' | 'snapshot', argv: readonly string[]): Promise<number> {
  if (command === 'verify') return (await import('./verify/cli.js')).verifyMain(argv)
  return (await import('./snapshot.js')).snapshotMain(argv)
}
