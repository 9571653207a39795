import { describe, expect, it } from "vitest";
import { falFileTrust, sniffImage } from "../src/services/fal/result-fetch.ts";

describe("which Fal result URLs the bot fetches", () => {
  const production = falFileTrust(undefined);
  const trusts = (url: string) => production(new URL(url));

  it("Fal's file hosts over HTTPS", () => {
    expect(trusts("https://v3.fal.media/files/tiger/abc.png")).toBe(true);
    expect(trusts("https://fal.media/files/abc.jpeg")).toBe(true);
    expect(trusts("https://v3b.fal.media/files/b/abc.webp")).toBe(true);
    expect(trusts("https://storage.googleapis.com/falserverless/model_tests/abc.png")).toBe(true);
  });

  it("nothing else: plain HTTP, look-alike hosts, other ports, addresses, other buckets", () => {
    for (const url of [
      "http://v3.fal.media/files/abc.png",
      "https://fal.media.example.com/files/abc.png",
      "https://evilfal.media/files/abc.png",
      "https://v3.fal.media:8443/files/abc.png",
      "https://127.0.0.1/latest/meta-data/",
      "https://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "https://[::1]/files/abc.png",
      "https://storage.googleapis.com/someone-else/abc.png",
      "file:///etc/passwd",
    ])
      expect(trusts(url), url).toBe(false);
  });

  it("with a base URL configured (a proxy, a test double): only its origin", () => {
    const proxied = falFileTrust("http://127.0.0.1:4010/fal");
    expect(proxied(new URL("http://127.0.0.1:4010/files/a.png"))).toBe(true);
    expect(proxied(new URL("http://127.0.0.1:4011/files/a.png"))).toBe(false);
    expect(proxied(new URL("https://v3.fal.media/files/a.png"))).toBe(false);
  });
});

describe("what counts as an image", () => {
  it("JPEG, PNG and WebP by their signatures; HTML, JSON, GIF and empty bodies are not", () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffImage(Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 ", "latin1"))).toBe("image/webp");
    for (const body of ["<!doctype html><html>", '{"detail":"Not found"}', "GIF89a", "", "RIFF\0\0\0\0WAVE"])
      expect(sniffImage(Buffer.from(body, "latin1")), body).toBeUndefined();
  });
});
