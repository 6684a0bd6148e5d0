import { describe, expect, it } from "vitest";
import { decimalKind, formatIsoDate, isMissingToken, parseBoolean, parseIsoDate } from "./values";

describe("cell value readers", () => {
  it("recognises missing tokens in any case", () => {
    for (const token of ["", "NA", "na", "N/A", "NaN", "null", "NULL", "None", "?", "  NA "]) {
      expect(isMissingToken(token)).toBe(true);
    }
    for (const value of ["0", "nan1", "Nanny", "-", "none of it"]) expect(isMissingToken(value)).toBe(false);
  });

  it("accepts only decimal literals as numbers", () => {
    expect(decimalKind("42")).toBe("integer");
    expect(decimalKind("-7")).toBe("integer");
    expect(decimalKind("+3")).toBe("integer");
    expect(decimalKind("3.0")).toBe("decimal");
    expect(decimalKind(".5")).toBe("decimal");
    expect(decimalKind("1e5")).toBe("decimal");
    expect(decimalKind("1.5E-3")).toBe("decimal");
    for (const bad of ["", "-", ".", "0x1f", "1e", "1e+", "Infinity", "1,5", "12a", " 1", "1.2.3"]) {
      expect(decimalKind(bad)).toBeNull();
    }
  });

  it("reads booleans strictly unless asked to be loose", () => {
    expect(parseBoolean("TRUE")).toBe(1);
    expect(parseBoolean("False")).toBe(0);
    expect(parseBoolean("yes")).toBeNaN();
    expect(parseBoolean("yes", true)).toBe(1);
    expect(parseBoolean("0", true)).toBe(0);
  });

  it("reads ISO dates as UTC epoch milliseconds", () => {
    expect(parseIsoDate("1970-01-02")).toBe(86_400_000);
    expect(parseIsoDate("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDate("2023-02-29")).toBeNaN();
    expect(parseIsoDate("2024-13-01")).toBeNaN();
    expect(parseIsoDate("1970-01-01T01:00")).toBe(3_600_000);
    expect(parseIsoDate("1970-01-01 00:00:01.5")).toBe(1500);
    expect(parseIsoDate("1970-01-01T02:00:00+02:00")).toBe(0);
    expect(parseIsoDate("1970-01-01T00:00:00Z")).toBe(0);
    for (const bad of ["2007", "2020/01/01", "2020-1-1", "2020-01-01T", "2020-01-01T25:00", "2020-01-01T10:00Zx"]) {
      expect(parseIsoDate(bad)).toBeNaN();
    }
    expect(formatIsoDate(86_400_000)).toBe("1970-01-02");
    expect(formatIsoDate(1500)).toBe("1970-01-01T00:00:01.500Z");
  });
});
