import { describe, expect, it } from "vitest";
import { insertAtHeadStart } from "../src/services/pdf/html-head.ts";

describe("markup put at the start of a template's <head>", () => {
  it("goes first inside an existing head, attributes kept", () => {
    expect(insertAtHeadStart('<html><head lang="ru"><style>a{}</style></head></html>', "<base>")).toBe(
      '<html><head lang="ru"><base><style>a{}</style></head></html>',
    );
  });

  it("gets a head of its own right after <html> when there is none", () => {
    expect(insertAtHeadStart("<!DOCTYPE html><html lang=ru><body>x</body></html>", "<base>")).toBe(
      "<!DOCTYPE html><html lang=ru><head><base></head><body>x</body></html>",
    );
  });

  it("never lands before the doctype (the page would drop to quirks mode)", () => {
    expect(insertAtHeadStart("<!-- Figma -->\n<!doctype html><style>a{}</style>", "<base>")).toBe(
      "<!-- Figma -->\n<!doctype html><base><style>a{}</style>",
    );
  });

  it("is not fooled by a <header> element", () => {
    expect(insertAtHeadStart("<header>x</header>", "<base>")).toBe("<base><header>x</header>");
  });

  it("starts a bare fragment", () => {
    expect(insertAtHeadStart("<p>x</p>", "<base>")).toBe("<base><p>x</p>");
  });
});
