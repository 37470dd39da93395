/** How `npm run backup` and `npm run restore` describe a copy: plain lines, the same in both. */
import type { Count } from '../backup'

const n = (count: number): string => count.toLocaleString('en-GB')

/** "hubs: 6, groups and services: 123, ..." */
export function countsInWords(counts: readonly Count[]): string {
  return counts.map((count) => `${count.words}: ${n(count.count)}`).join(', ')
}

/** "Wednesday, 2 December 2026 at 04:30:12 UTC" */
export function whenInWords(date: Date): string {
  const day = date.toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  return `${day} at ${date.toISOString().slice(11, 19)} UTC`
}

/** "12.3 MB" */
export function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}
