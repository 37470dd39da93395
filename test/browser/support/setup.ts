// Browser tests start Chromium and load real pages, so they get more time than unit tests.
jest.setTimeout(30_000)
