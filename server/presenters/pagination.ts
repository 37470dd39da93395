/**
 * GOV.UK pagination for any paged list: the first and last pages, the current page and the
 * ones either side, with an ellipsis for each gap.
 * https://design-system.service.gov.uk/components/pagination/
 */
export type PaginationItem = { page: number; href: string; current: boolean } | { ellipsis: true }

export interface PaginationView {
  previous: string | null
  next: string | null
  items: PaginationItem[]
}

/** Null when there is only one page. `hrefFor` gives each page's address (from server/addresses). */
export function paginationView(
  page: number,
  pageCount: number,
  hrefFor: (page: number) => string,
): PaginationView | null {
  if (pageCount <= 1) return null
  const current = Math.min(page, pageCount)
  const wanted = new Set(
    [1, pageCount, current - 1, current, current + 1].filter((n) => n >= 1 && n <= pageCount),
  )
  const numbers = [...wanted].sort((a, b) => a - b)
  const items: PaginationItem[] = []
  numbers.forEach((n, index) => {
    const before = numbers[index - 1]
    if (before !== undefined && n - before > 1) items.push({ ellipsis: true })
    items.push({ page: n, href: hrefFor(n), current: n === page })
  })
  return {
    previous: page > 1 && page <= pageCount ? hrefFor(page - 1) : null,
    next: page < pageCount ? hrefFor(page + 1) : null,
    items,
  }
}

const wholeNumber = new Intl.NumberFormat('en-GB')

/**
 * "Showing 21 to 40 of 65." for a page of a list `pageSize` long that shows `shown` things;
 * null when there is only one page (the list then shows them all).
 */
export function showingInWords(
  list: { page: number; pageCount: number; total: number },
  pageSize: number,
  shown: number,
): string | null {
  if (list.pageCount <= 1 || shown === 0) return null
  const first = (list.page - 1) * pageSize + 1
  return `Showing ${wholeNumber.format(first)} to ${wholeNumber.format(first + shown - 1)} of ${wholeNumber.format(list.total)}.`
}
