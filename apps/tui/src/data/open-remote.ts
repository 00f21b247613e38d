import { ok, type DataResult } from "./data-result.js";
import type { DataSource } from "./data-source.js";
import { RemoteDataSource } from "./remote-data-source.js";

/** Opens a Taizhang server as a data source; nothing is sent until the first call. */
export function openRemote(url: string, token: string | null): Promise<DataResult<DataSource>> {
  return Promise.resolve(ok(new RemoteDataSource(url, token)));
}
