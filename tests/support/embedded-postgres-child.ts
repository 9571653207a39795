import { startEmbeddedPostgres } from "../../scripts/embedded-postgres.ts";

// A test run that starts its Postgres and is then killed before its teardown (tests/embedded-postgres.test.ts).
const server = await startEmbeddedPostgres();
console.log(JSON.stringify({ dir: server.dir, url: server.url }));
setInterval(() => undefined, 60_000);
