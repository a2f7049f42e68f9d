// A restartable Azurite Table service for outage tests. One Node process keeps Azurite's modules loaded, so stopping the
// service (port closed, data saved to disk) and starting a new one on the same port and data takes a moment instead of a
// Node start-up. Arguments: Azurite's dist/src/table folder, host, port, data folder. Commands on stdin, one a line:
// "stop" and "start"; each is answered on stdout with "stopped" or "started". The process ends when stdin closes.
"use strict";
const path = require("path");
const readline = require("readline");

const [tableDist, host, port, location] = process.argv.slice(2);
const TableConfiguration = require(path.join(tableDist, "TableConfiguration")).default;
const TableServer = require(path.join(tableDist, "TableServer")).default;
const { DEFAULT_TABLE_LOKI_DB_PATH } = require(path.join(tableDist, "utils", "constants"));

let server;

async function start() {
  // As Azurite's own main.js builds it, with --location, --skipApiVersionCheck and --silent.
  const config = new TableConfiguration(
    host, Number(port), undefined, path.join(location, DEFAULT_TABLE_LOKI_DB_PATH),
    false, false, undefined, undefined, false, true);
  server = new TableServer(config);
  await server.start();
  console.log("started");
}

async function stop() {
  await server.close();
  console.log("stopped");
}

function fail(error) {
  console.error(error);
  process.exit(1);
}

readline.createInterface({ input: process.stdin })
  .on("line", (line) => {
    const command = { stop, start }[line.trim()];
    if (command) {
      command().catch(fail);
    }
  })
  .on("close", () => process.exit(0));
start().catch(fail);
