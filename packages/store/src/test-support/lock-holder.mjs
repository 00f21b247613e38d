// Another process on the same SQLite file (think: the CLI next to the server):
// takes the write lock again and again, holding it far longer than the
// store's busy timeout, so the store's writers must wait and retry.
import process from "node:process";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "libsql";

const [path, holdMs, gapMs, rounds] = process.argv.slice(2);
const db = new Database(path);
db.pragma("busy_timeout = 10000");
const spin = (ms) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};
process.send?.("ready");
for (let i = 0; i < Number(rounds); i += 1) {
  db.exec("begin immediate");
  db.prepare("update tokens set name = name where 0").run([]);
  spin(Number(holdMs));
  db.exec("commit");
  await sleep(Number(gapMs));
}
db.close();
