// A restartable Azurite Table and Queue service for outage tests. One Node process keeps Azurite's modules loaded, so stopping the
// service (port closed, data saved to disk) and starting a new one on the same port and data takes a moment instead of a
// Node start-up. Arguments: Azurite's dist/src/table folder, host, port, data folder. Commands on stdin, one a line:
// "stop" and "start"; each is answered on stdout with "stopped" or "started". The process ends when stdin closes.
"use strict";
const path = require("path");
const readline = require("readline");

const [tableDist, host, port, location, queuePort] = process.argv.slice(2);
const queueDist = path.join(tableDist, "..", "queue");
const QueueConfiguration = require(path.join(queueDist, "QueueConfiguration")).default;
const QueueServer = require(path.join(queueDist, "QueueServer")).default;
const queueConstants = require(path.join(queueDist, "utils", "constants"));
const TableConfiguration = require(path.join(tableDist, "TableConfiguration")).default;
const TableServer = require(path.join(tableDist, "TableServer")).default;
const { DEFAULT_TABLE_LOKI_DB_PATH } = require(path.join(tableDist, "utils", "constants"));

let server;
let queueServer;

async function start() {
  // As Azurite's own main.js builds it, with --location, --skipApiVersionCheck and --silent.
  const config = new TableConfiguration(
    host, Number(port), undefined, path.join(location, DEFAULT_TABLE_LOKI_DB_PATH),
    false, false, undefined, undefined, false, true);
  server = new TableServer(config);
  await server.start();
  const persistence = queueConstants.DEFAULT_QUEUE_PERSISTENCE_ARRAY.map((p) => ({ ...p, locationPath: path.join(location, queueConstants.DEFAULT_QUEUE_PERSISTENCE_PATH) }));
  const queueConfig = new QueueConfiguration(
    host, Number(queuePort), undefined, path.join(location, queueConstants.DEFAULT_QUEUE_LOKI_DB_PATH),
    path.join(location, queueConstants.DEFAULT_QUEUE_EXTENT_LOKI_DB_PATH), persistence,
    false, undefined, false, undefined, false, true);
  queueServer = new QueueServer(queueConfig);
  await queueServer.start();
  console.log("started");
}

async function stop() {
  await server.close();
  await queueServer.close();
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
