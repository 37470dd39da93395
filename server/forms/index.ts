export { formErrors, hasFormErrors, NO_FORM_ERRORS, problemsOf } from './formErrors'
export type { ErrorSummaryItem, FieldIds, FieldProblem, FormErrors } from './formErrors'
