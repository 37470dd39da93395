import type { Request } from 'express'
import { NotFoundError } from '../middleware/errors'
import { parsePageNumber } from '../validation/pageNumber'

/**
 * The page of a list asked for in its address (?page=2; 1 when none is). Text that cannot be
 * a page, such as a word or 0, gives the page-not-found page: "No such page of hubs".
 */
export function pageAsked(req: Request, of: string): number {
  const page = parsePageNumber(req.query.page)
  if (page === undefined) throw new NotFoundError(`No such page of ${of}`)
  return page
}

/**
 * The list itself, or the page-not-found page when it is missing or the page is after the
 * last (page 1 always answers, even when the list is empty).
 */
export function pageThatExists<T extends { page: number; pageCount: number }>(
  list: T | undefined,
  of: string,
): T {
  if (!list || (list.page > 1 && list.page > list.pageCount)) throw new NotFoundError(`No such page of ${of}`)
  return list
}
