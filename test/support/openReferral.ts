/**
 * Checking the open data API against the Open Referral UK profile as published: the JSON
 * Schemas (the compiled, whole-object ones, and the ones they refer to) and the OpenAPI
 * description's Page and GET / answers, with ajv. They come from ../shared/openreferral-uk,
 * copied verbatim into test/fixtures/openreferral-uk so that the tests run in any clone, with
 * ../shared beside it or not.
 */
import Ajv, { type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { Express } from 'express'
import fs from 'node:fs'
import path from 'node:path'
import request from 'supertest'
import { projectPath } from '../../server/paths'

export const PROFILE_DIR = projectPath('test', 'fixtures', 'openreferral-uk')
const SCHEMA_DIR = path.join(PROFILE_DIR, 'schema')
const BASE = 'https://schemas.test/oruk/'

export const BASE_PATH = '/openreferral/v3'

/** What each answer must be, by the profile. */
export type AnswerKind =
  | 'api'
  | 'servicePage'
  | 'service'
  | 'serviceAtLocationPage'
  | 'serviceAtLocation'
  | 'taxonomyPage'
  | 'taxonomy'
  | 'taxonomyTermPage'
  | 'taxonomyTerm'

const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>

export interface ProfileValidator {
  /** The schema problems of an answer, in words; empty when it passes. */
  problems(kind: AnswerKind, body: unknown): string[]
}

/** Compiles the profile's schemas once. */
export function profileValidator(): ProfileValidator {
  // The profile's schemas carry their own descriptive keywords (name, constraints, core ...),
  // which strict mode would refuse: they describe, they do not constrain.
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  for (const file of fs
    .readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith('.json') && name !== 'openapi.json'))
    ajv.addSchema({ ...readJson(path.join(SCHEMA_DIR, file)), $id: `${BASE}${file}` })
  for (const file of fs.readdirSync(path.join(SCHEMA_DIR, 'compiled')))
    ajv.addSchema({ ...readJson(path.join(SCHEMA_DIR, 'compiled', file)), $id: `${BASE}compiled/${file}` })
  const openApi = readJson(path.join(SCHEMA_DIR, 'openapi.json')) as {
    components: { schemas: { Page: Record<string, unknown> } }
    paths: Record<
      string,
      { get: { responses: { 200: { content: { 'application/json': { schema: unknown } } } } } }
    >
  }
  // The Page object as the OpenAPI description gives it; every one of its fields is required
  // here, since the profile's pages all carry them.
  const page = openApi.components.schemas.Page
  const pageOf = (items: string): ValidateFunction =>
    ajv.compile({
      allOf: [page],
      required: [
        'total_items',
        'total_pages',
        'page_number',
        'size',
        'first_page',
        'last_page',
        'empty',
        'contents',
      ],
      properties: { contents: { type: 'array', items: { $ref: `${BASE}${items}` } } },
    })
  const apiInfo = openApi.paths['/']?.get.responses[200].content['application/json'].schema as Record<
    string,
    unknown
  >
  const validators: Record<AnswerKind, ValidateFunction[]> = {
    api: [ajv.compile({ ...apiInfo, required: ['version', 'profile', 'openapi_url'] })],
    servicePage: [pageOf('compiled/service_list.json')],
    service: [ajv.getSchema(`${BASE}compiled/service.json`) as ValidateFunction],
    serviceAtLocationPage: [pageOf('compiled/service_at_location_list.json')],
    // The profile's example and compiled schema for a service at a location in full, and the
    // schema the OpenAPI description names for this answer (compiled/service.json).
    serviceAtLocation: [
      ajv.getSchema(`${BASE}compiled/service_at_location.json`) as ValidateFunction,
      ajv.getSchema(`${BASE}compiled/service.json`) as ValidateFunction,
    ],
    taxonomyPage: [pageOf('taxonomy.json')],
    taxonomy: [ajv.getSchema(`${BASE}taxonomy.json`) as ValidateFunction],
    taxonomyTermPage: [pageOf('taxonomy_term.json')],
    taxonomyTerm: [ajv.getSchema(`${BASE}taxonomy_term.json`) as ValidateFunction],
  }
  return {
    problems(kind, body) {
      return validators[kind].flatMap((validate) =>
        validate(body)
          ? []
          : (validate.errors ?? []).map((e) => `${kind}${e.instancePath}: ${e.message ?? e.keyword}`),
      )
    },
  }
}

export interface ApiPage {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: Record<string, unknown>[]
}

/** GET of an API address: its status and JSON body. */
export async function getJson(app: Express, address: string): Promise<{ status: number; body: unknown }> {
  const res = await request(app).get(address)
  return { status: res.status, body: res.body as unknown }
}

/**
 * Every page of a list, following page numbers until the last: the pages' bodies. Stops at
 * `most` pages, which a test sets above what it expects.
 */
export async function everyPage(app: Express, address: string, most = 1000): Promise<ApiPage[]> {
  const pages: ApiPage[] = []
  for (let page = 1; page <= most; page++) {
    const joiner = address.includes('?') ? '&' : '?'
    const res = await request(app).get(`${address}${joiner}page=${page}`)
    if (res.status !== 200) throw new Error(`${address} page ${page} answered ${res.status}: ${res.text}`)
    const body = res.body as ApiPage
    pages.push(body)
    if (body.last_page || body.contents.length === 0) break
  }
  return pages
}
