import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { create } from 'express-handlebars'
import { projectPath } from '../../server/paths'
import { helpers } from '../../server/views/helpers'

const handlebars = create({ extname: '.hbs', partialsDir: projectPath('views', 'partials'), helpers })

/** Renders a few lines of Handlebars (calling the app's partials) with the app's helpers. */
export async function renderTemplate(source: string, context: Record<string, unknown> = {}): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-template-'))
  const page = path.join(folder, 'page.hbs')
  fs.writeFileSync(page, source)
  try {
    return await handlebars.render(page, context)
  } finally {
    fs.rmSync(folder, { recursive: true, force: true })
  }
}

/** The HTML with runs of white space between tags taken out, to compare markup by eye. */
export const tidy = (html: string): string => html.replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim()
