/** The CLI's subcommands besides serving: each resolves to the process's exit code. */
export async function runCommand(command: 'verify' | 'snapshot', argv: readonly string[]): Promise<number> {
  try {
    if (command === 'verify') return await (await import('./verify/cli.js')).verifyMain(argv)
    return await (await import('./snapshot.js')).snapshotMain(argv)
  } catch (error) {
    // Usage errors are answered (exit 2) by the commands; anything else is one line, not a stack trace.
    process.stderr.write(`order-contract-mock ${command}: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}
