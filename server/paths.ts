import fs from 'node:fs'
import path from 'node:path'

/** The project's root folder, whether running from TypeScript sources or from dist/. */
function findProjectRoot(start: string): string {
  let dir = start
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`No package.json above ${start}`)
    dir = parent
  }
  return dir
}

export const PROJECT_ROOT = findProjectRoot(__dirname)

export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts)
