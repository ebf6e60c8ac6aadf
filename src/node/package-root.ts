import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The installed package's root folder (package.json, scenarios/, console/,
 * openapi/ beside dist/), found through the package's own name rather than a
 * path relative to this module: the build bundles modules into entry files and
 * chunks at different depths of dist/, and the tests run this file from src/.
 * (Re-bundled into someone else's file, the name may not resolve: then the
 * old guess, two folders up.)
 */
function packageRoot(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('order-contract-mock/package.json'))
  } catch {
    return fileURLToPath(new URL('../..', import.meta.url))
  }
}

export const PACKAGE_ROOT = packageRoot()
