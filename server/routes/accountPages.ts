import type { Request, Response } from 'express'
import type { z } from 'zod'
import { type FieldProblem, formErrors } from '../forms'
import { csrfTokenFor } from '../middleware/csrf'

/** Renders a page of views/pages/account (accounts and two-step sign-in) with the form token it needs. */
export function accountPage(
  req: Request,
  res: Response,
  view: string,
  model: Record<string, unknown>,
  status = 200,
): void {
  res.status(status).render(`pages/account/${view}`, { ...model, csrfToken: csrfTokenFor(req) })
}

/**
 * Shows an account page's form again after a problem (400): the summary, the message by each
 * field, and what was typed, which the model carries (never passwords).
 */
export function accountPageAgain(
  req: Request,
  res: Response,
  view: string,
  problems: z.ZodError | readonly FieldProblem[],
  fieldIds: Record<string, string>,
  model: Record<string, unknown>,
): void {
  accountPage(req, res, view, { ...model, ...formErrors(problems, fieldIds) }, 400)
}
