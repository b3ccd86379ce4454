import { AD_SOURCES, PRODUCTS, type Product } from "./demo-catalog.ts";
import type { JourneyEmitter, Surface } from "./demo-emitter.ts";
import { app, npsMaybe, productProps, server, web } from "./demo-sessions.ts";

// Acquisition: anonymous awareness and consideration, then the sign-up.

export function awarenessSession(w: JourneyEmitter): void {
  const rng = w.rng;
  const browser = w.customer.browsers[0] ?? "";
  const product = w.customer.interest;
  w.track(web(browser), "Ad Clicked", {
    ad_source: rng.pick(AD_SOURCES),
    medium: "cpc",
    campaign: `acq-${product.category}`,
    product_id: product.id,
  });
  w.wait(2, 6);
  w.page(browser, product.name, `/products/${product.id}`);
  w.wait(15, 90);
  w.track(web(browser), "Product Viewed", productProps(product));
  if (rng.chance(0.5)) {
    w.wait(30, 120);
    w.page(browser, "Rates", "/rates");
  }
}

export function considerationSession(w: JourneyEmitter): void {
  const rng = w.rng;
  const browser = w.customer.browsers[0] ?? "";
  w.page(browser, "Home", "/");
  const seen: Product[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    const product = i === 1 ? w.customer.interest : rng.pick(PRODUCTS);
    seen.push(product);
    w.wait(10, 60);
    w.page(browser, product.name, `/products/${product.id}`);
    w.wait(10, 120);
    w.track(web(browser), "Product Viewed", productProps(product));
  }
  if (rng.chance(0.6)) {
    w.wait(20, 90);
    w.page(browser, "Compare Accounts", "/compare");
    const other = rng.pick(PRODUCTS);
    w.track(web(browser), "Product Compared", {
      product_ids: [...new Set([...seen.map((p) => p.id), other.id])],
    });
  }
  if (rng.chance(0.1)) {
    const chat = { kind: "server", channel: "chat", anonymousId: browser } as const;
    const chatId = `chat_${rng.hex(10)}`;
    w.wait(30, 120);
    w.track(chat, "Support Chat Started", { chat_id: chatId, topic: "product_question" });
    w.wait(60, 400);
    w.track(chat, "Support Chat Ended", { chat_id: chatId, resolved: true });
  }
}

/** A prospect starts an application and leaves it. */
export function abandonedApplication(w: JourneyEmitter): void {
  const browser = w.customer.browsers[0] ?? "";
  const product = w.rng.chance(0.8) ? w.customer.interest : w.rng.pick(PRODUCTS);
  w.page(browser, "Apply", "/apply");
  w.wait(10, 60);
  w.track(web(browser), "Application Started", productProps(product));
  w.wait(30, 300);
  w.page(browser, "Identity Check", "/apply/identity");
}

/** Sign-up: application, identify and the opened account, on the web, in the app or a branch. */
export function purchaseSession(w: JourneyEmitter, where: "web" | "app" | "branch"): void {
  const rng = w.rng;
  const c = w.customer;
  const product = rng.chance(0.8) ? c.interest : rng.pick(PRODUCTS);
  const browser = c.browsers[0] ?? "";
  let surface: Surface;
  if (where === "app" && c.device) {
    surface = app(c.device);
    if (!c.device.shared) {
      w.screen(c.device, "Welcome");
      w.wait(20, 90);
    }
    w.identify(surface);
    w.screen(c.device, "Apply");
  } else if (where === "branch") {
    surface = server("branch");
    w.identify(surface);
  } else {
    surface = web(browser);
    w.page(browser, "Apply", "/apply");
  }
  w.wait(10, 60);
  w.track(surface, "Application Started", productProps(product));
  w.wait(120, 540);
  if (surface.kind === "web") {
    w.identify(surface);
    if (rng.chance(0.2)) w.alias(browser);
  }
  w.wait(30, 240);
  w.track(surface, "Account Opened", {
    ...productProps(product),
    account_id: `acct_${c.identity.userId.slice(4)}`,
    revenue: product.value,
    currency: "USD",
  });
  npsMaybe(w, surface, "account_opening", 0.15);
}

/** Transfer Started → Completed | Failed (or abandoned); completion depends on the app version. */
