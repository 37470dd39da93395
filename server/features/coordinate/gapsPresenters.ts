/**
 * The gaps report's view models (issue 12): the page (summary, chart and tables) and the rows
 * of its CSV file, from GapsService's report. Words and links only; the numbers and what may
 * be shown of them are the service's.
 */
import { addresses } from '../../addresses'
import { inSentence } from '../../presenters/inSentence'
import { biggestGaps, type Comparison, type GapLine, type ShownCount } from '../../services/coordinate/gaps'
import type { GapsReport } from '../../services/coordinate/gapsService'
import { coordinateBreadcrumbs } from './presenters'

/** The summary names at most this many gaps of each kind. */
export const GAPS_NAMED = 5

/** "None", "3", or "Fewer than 5" for a people count under the privacy threshold. */
export function countInWords(count: ShownCount): string {
  if (!count.shown) return `Fewer than ${count.below}`
  return count.count === 0 ? 'None' : count.count.toLocaleString('en-GB')
}

const COMPARED: Record<Exclude<Comparison, 'both-few'>, string> = {
  'none-here': 'None here',
  fewer: 'Fewer',
  same: 'The same',
  more: 'More',
  'no-others': 'No other hub to compare with',
}

function comparedInWords(line: GapLine): string {
  if (line.comparison === 'both-few')
    return `Both fewer than ${line.median?.shown === false ? line.median.below : ''}`
  return COMPARED[line.comparison]
}

const medianOf = (line: GapLine): number => (line.median?.shown ? line.median.count : 0)
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/** The summary at the top: one sentence, or a sentence and a short list of the biggest gaps. */
export interface GapsSummary {
  sentence: string
  gaps: string[]
}

export function servicesSummary(report: GapsReport): GapsSummary {
  const hub = report.hub.name
  if (report.otherHubs === 0)
    return { sentence: `${hub} is the only hub, so there is no other hub to compare it with yet.`, gaps: [] }
  const all = biggestGaps(report.services, Infinity)
  const [first] = all
  if (!first)
    return {
      sentence: `${hub} has at least one of every kind of group or service that most hubs have.`,
      gaps: [],
    }
  if (all.length === 1)
    return {
      sentence: `${hub} has no ${inSentence(first.name)}; most hubs have ${medianOf(first)}.`,
      gaps: [],
    }
  const named = all.slice(0, GAPS_NAMED)
  return {
    sentence: `${hub} has none of ${all.length} kinds of group or service that most hubs have. ${
      all.length > named.length ? `The ${named.length} biggest gaps:` : 'They are:'
    }`,
    gaps: named.map((line) => `${line.name}: most hubs have ${medianOf(line)}`),
  }
}

export function skillsSummary(report: GapsReport): GapsSummary {
  const hub = report.hub.name
  if (report.otherHubs === 0) return { sentence: '', gaps: [] }
  // Only skills whose median is shown (it reaches the threshold) can be named as gaps.
  const all = biggestGaps(report.skills, Infinity)
  const [first] = all
  if (!first)
    return {
      sentence: `${hub} has someone for every skill that most hubs have ${report.privacyMinCount} or more people for.`,
      gaps: [],
    }
  if (all.length === 1)
    return {
      sentence: `Nobody in ${hub} shares ${inSentence(first.name)}; most hubs have ${plural(medianOf(first), 'person who does', 'people who do')}.`,
      gaps: [],
    }
  const named = all.slice(0, GAPS_NAMED)
  return {
    sentence: `Nobody in ${hub} shares ${all.length} skills that most hubs have people for. ${
      all.length > named.length ? `The ${named.length} biggest gaps:` : 'They are:'
    }`,
    gaps: named.map((line) => `${line.name}: most hubs have ${plural(medianOf(line), 'person', 'people')}`),
  }
}

function rowsOf(lines: readonly GapLine[]) {
  return lines.map((line) => ({
    name: line.name,
    here: countInWords(line.here),
    median: line.median ? countInWords(line.median) : 'No other hubs',
    gap: line.comparison === 'none-here',
  }))
}

// The chart's drawing, in the units of its viewBox: it scales to the width it is given (a
// 320px phone included) and keeps its shape.
const CHART_WIDTH = 360
const BAR_SPACE = 310
const LEGEND_HEIGHT = 56
const ROW_HEIGHT = 52

/**
 * A bar per kind of group or service for this hub, and a line on each for the median of the
 * other hubs: as numbers the template draws as SVG (so every word in it is escaped as usual).
 */
export function chartOf(report: GapsReport) {
  const hub = report.hub.name
  const lines = report.services
  const most = Math.max(
    1,
    ...lines.map((line) => (line.here.shown ? line.here.count : 0)),
    ...lines.map(medianOf),
  )
  const scale = (count: number) => Math.round((count / most) * BAR_SPACE * 10) / 10
  const withOthers = report.otherHubs > 0
  const gaps = biggestGaps(lines, Infinity).length
  return {
    width: CHART_WIDTH,
    height: LEGEND_HEIGHT + lines.length * ROW_HEIGHT,
    title: `Groups and services in ${hub}${withOthers ? ', against the median of the other hubs' : ''}`,
    description: `A bar for each of ${plural(lines.length, 'kind', 'kinds')} of group or service shows how many ${hub} has${
      withOthers
        ? `; a black line across each bar marks the median of the other ${plural(report.otherHubs, 'hub', 'hubs')}. ${hub} has none of ${plural(gaps, 'kind', 'kinds')} that most hubs have`
        : ''
    }. The table below gives the same numbers.`,
    legend: { hub, withOthers },
    rows: lines.map((line, index) => {
      const top = LEGEND_HEIGHT + index * ROW_HEIGHT
      const here = line.here.shown ? line.here.count : 0
      const barWidth = scale(here)
      return {
        labelY: top + 16,
        label: line.name,
        barY: top + 24,
        barWidth,
        valueX: barWidth + 6,
        valueY: top + 39,
        value: countInWords(line.here),
        marker: line.median === null ? null : { x: scale(medianOf(line)), y1: top + 20, y2: top + 46 },
      }
    }),
  }
}

export function presentGaps(report: GapsReport) {
  const hub = report.hub
  return {
    pageTitle: `What is missing in ${hub.name} – Coordinate`,
    breadcrumbs: coordinateBreadcrumbs(),
    hubName: hub.name,
    otherHubs: report.otherHubs,
    otherHubsInWords: plural(report.otherHubs, 'other hub', 'other hubs'),
    servicesSummary: servicesSummary(report),
    skillsSummary: skillsSummary(report),
    chart: chartOf(report),
    serviceRows: rowsOf(report.services),
    skillRows: rowsOf(report.skills),
    privacyMinCount: report.privacyMinCount,
    csvHref: addresses.coordinateGapsCsv(hub.slug),
    hubHref: addresses.hub(hub.slug),
    expertiseHref: addresses.coordinateExpertise({ hub: hub.slug }),
  }
}

/** The CSV's columns, in order. */
export const GAPS_CSV_COLUMNS = ['Kind', 'Name', 'Code', 'In the hub', 'Median of the other hubs', 'Compared']

/** A number where one is shown; else the words ("Fewer than 5"). */
const csvCount = (count: ShownCount | null): number | string =>
  count === null ? 'No other hubs' : count.shown ? count.count : `Fewer than ${count.below}`

/** The report as CSV rows (after the header): groups and services, then people's skills. */
export function gapsCsvRows(report: GapsReport): (string | number)[][] {
  const rows = (kind: string, lines: readonly GapLine[]) =>
    lines.map((line) => [
      kind,
      line.name,
      line.code,
      csvCount(line.here),
      csvCount(line.median),
      comparedInWords(line),
    ])
  return [...rows('Group or service', report.services), ...rows('Skill people share', report.skills)]
}

/** The CSV file's name: "gaps-thanet-2026-12-02.csv". Slugs are letters, digits and hyphens. */
export function gapsCsvFileName(slug: string, now: Date): string {
  return `gaps-${slug}-${now.toISOString().slice(0, 10)}.csv`
}
