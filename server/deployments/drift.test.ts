import { describe, expect, it } from "vitest";
import { driftLevel, featureDrift, MIN_RECENT, PSI_THRESHOLD } from "./drift";
import type { TrainingProfile } from "./trainingProfile";

const profile: TrainingProfile = {
  island: { kind: "categorical", frequencies: { Biscoe: 0.49, Dream: 0.36, Torgersen: 0.15 } },
  bill: { kind: "numeric", sample: Array.from({ length: 100 }, (_, i) => 30 + i / 5) },
};

describe("featureDrift", () => {
  it("gives no statistic without traffic, rather than a made-up 0", () => {
    const [island, bill] = featureDrift(profile, []);
    expect(island).toMatchObject({ statistic: null, level: "no-data", drifted: false, recent: 0 });
    expect(bill).toMatchObject({ statistic: null, level: "no-data", drifted: false, recent: 0 });
  });

  it("gives no verdict on a few samples, however large the statistic", () => {
    const few = Array.from({ length: 5 }, () => ({ island: "Torgersen", bill: 80 }));
    const [island, bill] = featureDrift(profile, few);
    expect(island!.statistic!).toBeGreaterThan(PSI_THRESHOLD * 10);
    expect(island).toMatchObject({ level: "too-few", drifted: false, recent: 5, minRecent: MIN_RECENT });
    expect(bill).toMatchObject({ level: "too-few", drifted: false });
  });

  it("alerts on a shift, and stays ok on training-like traffic, once enough samples arrived", () => {
    const shifted = Array.from({ length: MIN_RECENT }, () => ({ island: "Torgersen", bill: 80 }));
    expect(featureDrift(profile, shifted).map((f) => f.level)).toEqual(["alert", "alert"]);
    const alike = Array.from({ length: 100 }, (_, i) => ({ island: i < 49 ? "Biscoe" : i < 85 ? "Dream" : "Torgersen", bill: 30 + i / 5 }));
    expect(featureDrift(profile, alike).map((f) => [f.level, f.drifted])).toEqual([
      ["ok", false],
      ["ok", false],
    ]);
  });
});

describe("driftLevel", () => {
  it("bands the statistic against its threshold: ok up to half, warn up to the threshold, alert above", () => {
    expect([0.05, 0.15, 0.25].map((psi) => driftLevel(psi, 0.2, 100))).toEqual(["ok", "warn", "alert"]);
    expect(driftLevel(9.2, 0.2, MIN_RECENT - 1)).toBe("too-few");
    expect(driftLevel(null, 0.2, 0)).toBe("no-data");
  });
});
