/**
 * The text of one skill's row on a page that lists skills (the hub page, /people, the "people
 * near you" panel of search), found by its data-hub and data-skill marks, with the skill's own
 * name taken out and spacing evened, so two skills' rows can be compared: a skill a few
 * people share without being named must read exactly as one nobody shares (privacy rule 3).
 * Undefined when the page has no row for it.
 */
export function skillRowText(
  html: string,
  hubSlug: string,
  skill: { code: string; name: string },
): string | undefined {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const row = new RegExp(
    `<li class="cg-skill-shared" data-hub="${escape(hubSlug)}" data-skill="${escape(skill.code)}">([\\s\\S]*?)</li>`,
  ).exec(html)
  if (!row) return undefined
  return (row[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .split(skill.name)
    .join('SKILL')
    .replace(/\s+/g, ' ')
    .trim()
}
