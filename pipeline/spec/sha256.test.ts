import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import fc from "fast-check";
import { Sha256, sha256Hex } from "./sha256";

describe("sha256", () => {
  it("matches the FIPS 180-2 test vectors", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });

  it("agrees with node:crypto for random inputs fed in random chunks", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(200), { maxLength: 8 }), (bytes, cuts) => {
        const hasher = new Sha256();
        let offset = 0;
        for (const cut of cuts) {
          const end = Math.min(bytes.length, offset + cut);
          hasher.update(bytes.subarray(offset, end));
          offset = end;
        }
        hasher.update(bytes.subarray(offset));
        expect(hasher.digestHex()).toBe(createHash("sha256").update(bytes).digest("hex"));
      }),
      { numRuns: 300 },
    );
  });
});
