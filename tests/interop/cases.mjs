// The interop cases every independent client runs against the Crm.Grpc test service. Each client supplies the
// calls in its own API; this file runs them and reports what it observed (the C# tests judge it).
export const UNICODE_MESSAGE = "credit hold: no new orders — überfällig 100%";
export const LIMIT = 4 * 1024 * 1024;

export async function runCases(client) {
  const results = {};
  const attempt = async (name, fn) => {
    try {
      results[name] = await fn();
    } catch (error) {
      results[name] = { error: String(error && error.stack || error) };
    }
  };
  await attempt("unary", () => client.unary());
  await attempt("stream", () => client.stream(20));
  await attempt("status", () => client.status(9, UNICODE_MESSAGE));
  await attempt("notFound", () => client.status(5, "lead 42 does not exist"));
  await attempt("deadline", () => client.deadline(300));
  await attempt("gzip", () => client.gzip(100000));
  await attempt("underLimit", () => client.sized(LIMIT - 1024));
  await attempt("overLimit", () => client.sized(LIMIT + 1));
  await attempt("cancel", () => client.cancel("cancel-" + client.name + "-" + process.pid));
  await attempt("unimplemented", () => client.unimplemented());
  return results;
}
