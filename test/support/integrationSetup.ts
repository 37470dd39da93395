// Unit and integration tests build demo databases and start the app, sometimes in processes of their own,
// beside the other test worker on a shared machine: a hook that builds the demo data can take
// more than jest's default 5 seconds there without anything being wrong. Files that need longer
// still say so with jest.setTimeout of their own.
jest.setTimeout(30_000)
