/** Realistic Segment batch bodies for the ingestion benchmark, generated once before timing. */
import { randomUUID } from "node:crypto";

const CUSTOMERS = 20_000;

export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join("");
  return { next, int, pick, hex };
}

export const FIRST = [
  "ana",
  "ben",
  "chen",
  "dana",
  "eli",
  "fatima",
  "george",
  "hana",
  "ivan",
  "jun",
];
export const LAST = [
  "garcia",
  "smith",
  "wang",
  "müller",
  "okafor",
  "rossi",
  "kim",
  "silva",
  "novak",
];
export const AREA_CODES = ["212", "310", "415", "617", "312", "206", "512", "303", "404", "702"];
export const PRODUCTS = [
  { id: "sku-1001", name: "Trail Runner 2", category: "Shoes", price: 129.0 },
  { id: "sku-2040", name: "Merino Hoodie", category: "Apparel", price: 89.5 },
  { id: "sku-3300", name: "Insulated Bottle", category: "Accessories", price: 24.99 },
  { id: "sku-4410", name: "Rain Shell", category: "Apparel", price: 179.0 },
  { id: "sku-5120", name: "Day Pack 22L", category: "Bags", price: 64.0 },
];
export const EVENTS: readonly { name: string; weight: number; commerce?: boolean }[] = [
  { name: "Product Viewed", weight: 30, commerce: true },
  { name: "Product Added", weight: 12, commerce: true },
  { name: "Checkout Started", weight: 6, commerce: true },
  { name: "Order Completed", weight: 4, commerce: true },
  { name: "Email Opened", weight: 10 },
  { name: "Email Link Clicked", weight: 5 },
  { name: "SMS Delivered", weight: 5 },
  { name: "Push Notification Opened", weight: 5 },
  { name: "Support Call Ended", weight: 2 },
  { name: "Store Visit", weight: 3 },
  { name: "Signed In", weight: 8 },
  { name: "Search Performed", weight: 10 },
];
export const CHANNEL_OF: Record<string, readonly string[]> = {
  "Email Opened": ["email"],
  "Email Link Clicked": ["email"],
  "SMS Delivered": ["sms"],
  "Push Notification Opened": ["push"],
  "Support Call Ended": ["call_center"],
  "Store Visit": ["store"],
};
export const PLATFORMS = [
  {
    channel: "web",
    library: { name: "analytics.js", version: "4.1.0" },
    device: { type: "desktop" },
    os: { name: "Mac OS X", version: "14.4.1" },
    userAgent:
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  },
  {
    channel: "app",
    library: { name: "analytics-ios", version: "4.1.8" },
    device: { manufacturer: "Apple", model: "iPhone15,2", type: "ios" },
    os: { name: "iOS", version: "17.4" },
  },
  {
    channel: "app",
    library: { name: "analytics-android", version: "4.11.3" },
    device: { manufacturer: "Google", model: "Pixel 8", type: "android" },
    os: { name: "Android", version: "14" },
  },
  {
    channel: "web",
    library: { name: "analytics-node", version: "2.1.2" },
    device: { type: "server" },
    os: { name: "Linux", version: "6.1" },
  },
];

export interface Customer {
  userId: string | null;
  anonymousId: string;
  email: string;
  phone: string;
}

export function customers(rand: ReturnType<typeof prng>): Customer[] {
  return Array.from({ length: CUSTOMERS }, (_, n) => {
    const first = rand.pick(FIRST);
    const last = rand.pick(LAST);
    const line = String(1000 + rand.int(9000));
    const exchange = String(200 + rand.int(800)).replace(/^555$/, "556");
    const area = rand.pick(AREA_CODES);
    const phone = rand.pick([
      `+1 ${area} ${exchange} ${line}`,
      `(${area}) ${exchange}-${line}`,
      `${area}.${exchange}.${line}`,
    ]);
    return {
      userId: rand.next() < 0.7 ? `user_${100_000 + n}` : null,
      anonymousId: `${rand.hex(8)}-${rand.hex(4)}-4${rand.hex(3)}-a${rand.hex(3)}-${rand.hex(12)}`,
      email: `${first}.${last}${n}@example.com`,
      phone,
    };
  });
}

export function weightedEvent(rand: ReturnType<typeof prng>) {
  const total = EVENTS.reduce((sum, e) => sum + e.weight, 0);
  let roll = rand.next() * total;
  for (const e of EVENTS) {
    roll -= e.weight;
    if (roll < 0) return e;
  }
  return EVENTS[0] as (typeof EVENTS)[number];
}

export function trackMessage(rand: ReturnType<typeof prng>, people: Customer[], now: number) {
  const who = rand.pick(people);
  const kind = weightedEvent(rand);
  const platform = rand.pick(PLATFORMS);
  const channel = rand.pick(CHANNEL_OF[kind.name] ?? [platform.channel]);
  const product = rand.pick(PRODUCTS);
  const quantity = 1 + rand.int(3);
  const properties: Record<string, unknown> = { channel };
  if (kind.commerce) {
    Object.assign(properties, {
      product_id: product.id,
      name: product.name,
      category: product.category,
      price: product.price,
      quantity,
      currency: "USD",
    });
  }
  if (kind.name === "Order Completed") {
    Object.assign(properties, {
      order_id: `ord_${rand.hex(10)}`,
      revenue: Math.round(product.price * quantity * 100) / 100,
      coupon: rand.next() < 0.2 ? "SPRING10" : undefined,
    });
  }
  if (kind.name === "Search Performed") properties.query = rand.pick(["rain jacket", "shoes 42"]);
  if (channel === "email" || channel === "sms" || channel === "push") {
    properties.campaign_id = `cmp_${rand.int(40)}`;
  }
  const context: Record<string, unknown> = {
    library: platform.library,
    app:
      platform.channel === "app"
        ? { name: "Acme Outdoor", version: "5.2.1", build: "5210", namespace: "com.acme.outdoor" }
        : undefined,
    device: { id: who.anonymousId, ...platform.device },
    os: platform.os,
    ip: `203.0.113.${rand.int(255)}`,
    locale: rand.pick(["en-US", "en-GB", "es-US"]),
    timezone: rand.pick(["America/New_York", "America/Los_Angeles", "America/Chicago"]),
    userAgent: "userAgent" in platform ? platform.userAgent : undefined,
    page:
      platform.library.name === "analytics.js"
        ? {
            path: `/products/${product.id}`,
            url: `https://shop.example.com/products/${product.id}`,
            referrer: "https://www.google.com/",
            title: product.name,
          }
        : undefined,
    campaign:
      rand.next() < 0.15
        ? { name: "spring_sale", source: "newsletter", medium: "email" }
        : undefined,
    traits: { email: who.email, phone: who.phone },
  };
  return {
    type: "track",
    messageId: "__MID__",
    ...(who.userId ? { userId: who.userId } : {}),
    anonymousId: who.anonymousId,
    event: kind.name,
    properties,
    context,
    timestamp: new Date(now - rand.int(3_600_000)).toISOString(),
  };
}

/** A serialised batch body split at its holes: `parts[i]` + hole i + `parts[i + 1]` … */
export interface BodyTemplate {
  parts: string[];
  holes: ("MID" | "SENT")[];
}

export function bodyTemplates(batch: number): BodyTemplate[] {
  const rand = prng(0x5eed);
  const people = customers(rand);
  const now = Date.now();
  const count = Math.max(8, Math.min(200, Math.floor(20_000 / batch)));
  return Array.from({ length: count }, () => {
    const body = JSON.stringify({
      sentAt: "__SENT__",
      batch: Array.from({ length: batch }, () => trackMessage(rand, people, now)),
    });
    const pieces = body.split(/"__(MID|SENT)__"/);
    return {
      parts: pieces.filter((_, i) => i % 2 === 0),
      holes: pieces.filter((_, i) => i % 2 === 1) as ("MID" | "SENT")[],
    };
  });
}

/** A body with fresh messageIds (`<uuid>-<index>`) and the current sentAt. */
export function fillBody(template: BodyTemplate): Buffer {
  const request = randomUUID();
  const sentAt = `"${new Date().toISOString()}"`;
  let out = template.parts[0] ?? "";
  let index = 0;
  for (let i = 0; i < template.holes.length; i++) {
    out += template.holes[i] === "MID" ? `"${request}-${index++}"` : sentAt;
    out += template.parts[i + 1] ?? "";
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------
// Processes
