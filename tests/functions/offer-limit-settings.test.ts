import { describe, expect, it } from "vitest";
import { DEFAULT_PENDING_OFFERS_PER_CLERK, DEFAULT_PENDING_OFFERS_PER_PROVINCE, settings, startupProblem } from "../../functions/lib/settings.ts";

/** The pending-offer limits are configuration: defaults when unset, a refused start when unreadable. */
const dev = { AUTH_MODE: "dev" } as NodeJS.ProcessEnv;

describe("pending mapping offer limits", () => {
  it("default to 200 per province and 20 per clerk", () => {
    // Settings are read once per process (this file's is the first read): unset, the defaults.
    delete process.env.HTCT_PENDING_OFFERS_PER_PROVINCE;
    delete process.env.HTCT_PENDING_OFFERS_PER_CLERK;
    expect(settings().mappingOffers).toEqual({ perProvince: DEFAULT_PENDING_OFFERS_PER_PROVINCE, perClerk: DEFAULT_PENDING_OFFERS_PER_CLERK });
    expect([DEFAULT_PENDING_OFFERS_PER_PROVINCE, DEFAULT_PENDING_OFFERS_PER_CLERK]).toEqual([200, 20]);
  });

  it("stop the host at startup when not a whole number from 1 to 100000", () => {
    for (const bad of ["0", "-3", "2.5", "1e3", "abc", "100001", " ", "9".repeat(30)]) {
      expect(startupProblem({ ...dev, HTCT_PENDING_OFFERS_PER_PROVINCE: bad }), bad).toMatch(/HTCT_PENDING_OFFERS_PER_PROVINCE must be a whole number/);
      expect(startupProblem({ ...dev, HTCT_PENDING_OFFERS_PER_CLERK: bad }), bad).toMatch(/HTCT_PENDING_OFFERS_PER_CLERK must be a whole number/);
    }
    expect(startupProblem({ ...dev, HTCT_PENDING_OFFERS_PER_PROVINCE: "500", HTCT_PENDING_OFFERS_PER_CLERK: "1" })).toBeNull();
  });
});
