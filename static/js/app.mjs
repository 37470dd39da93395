// GOV.UK Frontend's own behaviour (skip link, error summary focus and so on).
import { initAll } from '/vendor/govuk-frontend/govuk-frontend.min.js'

initAll()
