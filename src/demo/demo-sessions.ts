import {
  BUGGY_APP_VERSION,
  CAMPAIGNS,
  COMPLIANCE_WAIT_SECONDS,
  DEMO_RATES,
  PLANTED_NPS_MEAN,
  PRODUCTS,
  type Product,
  SHOP_ITEMS,
} from "./demo-catalog.ts";
import { COMMENTS, polarityOf, SURVEY_SCALES, type SurveyType } from "./demo-comments.ts";
import { type AppDevice, channelOf, type JourneyEmitter, type Surface } from "./demo-emitter.ts";

// One function per kind of contact. Each writes a short burst of messages (seconds to minutes
// apart) on the emitter's clock; the journey module decides when sessions happen. This module
// has the shared pieces (surveys, transfers) and the digital sessions.

export const web = (anonymousId: string): Surface => ({ kind: "web", anonymousId });
export const app = (device: AppDevice): Surface => ({ kind: "app", device });
export const server = (channel: "email" | "sms" | "chat" | "call_center" | "branch" | "store") =>
  ({ kind: "server", channel }) as Surface;

export const productProps = (p: Product) => ({
  product_id: p.id,
  name: p.name,
  category: p.category,
});

/** `Survey Responded` with a score drawn around `mean` and, often, a comment that agrees. */
export function survey(
  w: JourneyEmitter,
  surface: Surface,
  surveyType: SurveyType,
  touchpoint: string,
  mean: number,
): void {
  const scale = SURVEY_SCALES[surveyType];
  const sd = surveyType === "nps" ? 1.7 : 0.9;
  const score = Math.min(scale.max, Math.max(scale.min, Math.round(w.rng.normal(mean, sd))));
  const properties: Record<string, unknown> = { survey_type: surveyType, score, touchpoint };
  if (w.rng.chance(0.7)) {
    const language = w.customer.language;
    properties.comment = w.rng.pick(COMMENTS[language][polarityOf(surveyType, score)]);
    properties.language = language;
  }
  w.wait(20, 180);
  w.track(surface, "Survey Responded", properties);
}

export function npsMaybe(
  w: JourneyEmitter,
  surface: Surface,
  touchpoint: string,
  probability: number,
) {
  const mean = PLANTED_NPS_MEAN[channelOf(surface)];
  if (mean !== undefined && w.rng.chance(probability)) survey(w, surface, "nps", touchpoint, mean);
}
export function transfer(w: JourneyEmitter, surface: Surface): void {
  const rng = w.rng;
  const transferId = `tr_${rng.hex(12)}`;
  const amount = Math.round(rng.exponential(400) * 100) / 100 + 5;
  const base = { transfer_id: transferId, amount, currency: "USD" };
  const type = rng.weighted({ internal: 4, domestic: 5, international: 1 });
  w.track(surface, "Transfer Started", { ...base, transfer_type: type });
  const buggy = surface.kind === "app" && surface.device.appVersion === BUGGY_APP_VERSION;
  const slow = surface.kind === "server";
  const completion = buggy ? DEMO_RATES.buggyVersionCompletion : DEMO_RATES.transferCompletion;
  if (rng.chance(completion)) {
    // The planted long dwell (one draw either way, so the other random choices are unchanged).
    if (slow) w.wait(60, 360);
    else if (type === "international") w.wait(...COMPLIANCE_WAIT_SECONDS);
    else w.wait(2, 45);
    w.track(surface, "Transfer Completed", base);
    if (rng.chance(0.08)) survey(w, surface, "ces", "transfer", 6);
  } else if (rng.chance(DEMO_RATES.failureShareOfIncomplete)) {
    slow ? w.wait(60, 360) : w.wait(5, 200);
    const error = buggy ? "UPSTREAM_TIMEOUT" : rng.pick(["INSUFFICIENT_FUNDS", "LIMIT_EXCEEDED"]);
    w.track(surface, "Transfer Failed", { ...base, error_code: error });
    if (rng.chance(0.25)) survey(w, surface, "ces", "transfer", 2.3);
  } else {
    w.wait(60, 300);
  }
}

/** The planted breakpoint: Account Query → Transfer Failed → response timeout, in the app. */
export function breakpointSession(w: JourneyEmitter, device: AppDevice): void {
  const rng = w.rng;
  const surface = app(device);
  appLogin(w, device);
  w.screen(device, "Transfer");
  w.wait(10, 60);
  const base = { transfer_id: `tr_${rng.hex(12)}`, amount: rng.int(200, 2500), currency: "USD" };
  w.track(surface, "Transfer Started", { ...base, transfer_type: "domestic" });
  w.wait(20, 60);
  w.track(surface, "Account Query", { query_type: "transfer_status" });
  w.wait(30, 150);
  w.track(surface, "Transfer Failed", { ...base, error_code: "UPSTREAM_TIMEOUT" });
  w.wait(300, 540);
  w.track(surface, "Customer Service Response Timeout", {
    queue: "in_app_support",
    wait_seconds: rng.int(600, 900),
  });
}

export function appLogin(w: JourneyEmitter, device: AppDevice): void {
  // On a shared tablet each family member switches profile (an identify) at every use; the
  // app never sends an anonymous screen from it, so every message names its person.
  if (device.shared) {
    w.identify(app(device));
    w.wait(2, 10);
  } else if (!w.isLoggedIn(app(device))) {
    w.screen(device, "Login");
    w.wait(5, 30);
    w.identify(app(device));
  }
  w.screen(device, "Home");
  w.wait(3, 40);
}

export function appSession(w: JourneyEmitter, device: AppDevice, accountAgeDays: number): void {
  const rng = w.rng;
  const surface = app(device);
  appLogin(w, device);
  for (let i = rng.int(1, 3); i > 0; i--) {
    const action = rng.weighted({ query: 4, transfer: 3, cards: 1, offers: 0.7 });
    if (action === "query") {
      w.screen(device, "Accounts");
      w.wait(3, 30);
      w.track(surface, "Account Query", { query_type: rng.pick(["balance", "transactions"]) });
    } else if (action === "transfer") {
      w.screen(device, "Transfer");
      w.wait(15, 90);
      transfer(w, surface);
    } else if (action === "cards") {
      w.screen(device, "Cards");
      w.wait(5, 40);
      w.track(surface, "Card Controls Updated", { setting: rng.pick(["travel_notice", "lock"]) });
    } else {
      w.screen(device, "Offers");
      w.wait(5, 40);
      w.track(surface, "Product Viewed", productProps(rng.pick(PRODUCTS)));
    }
    w.wait(10, 120);
  }
  npsMaybe(w, surface, "mobile_app", 0.06);
  loyalty(w, surface, accountAgeDays);
}

export function webSession(
  w: JourneyEmitter,
  browser: string,
  accountAgeDays: number,
  fromEmail = false,
): void {
  const rng = w.rng;
  const surface = web(browser);
  if (!w.isLoggedIn(surface)) {
    if (rng.chance(0.4)) {
      w.page(browser, "Home", "/");
      w.wait(5, 60);
    }
    w.page(browser, "Login", "/login");
    w.wait(10, 40);
    w.identify(surface);
  }
  w.page(browser, fromEmail ? "Offers" : "Dashboard", fromEmail ? "/offers" : "/dashboard");
  for (let i = rng.int(1, 2); i > 0; i--) {
    w.wait(10, 90);
    const shopper = w.customer.persona === "shopper" || fromEmail;
    const action = rng.weighted({
      query: 3,
      transfer: 2,
      browse: 2,
      statement: 1,
      order: shopper ? 1.5 : 0.1,
    });
    if (action === "query") {
      w.page(browser, "Accounts", "/accounts");
      w.track(surface, "Account Query", { query_type: rng.pick(["balance", "transactions"]) });
    } else if (action === "transfer") {
      w.page(browser, "Transfer", "/transfer");
      w.wait(15, 90);
      transfer(w, surface);
    } else if (action === "browse") {
      const product = rng.pick(PRODUCTS);
      w.page(browser, product.name, `/products/${product.id}`);
      w.track(surface, "Product Viewed", productProps(product));
      if (rng.chance(0.3)) {
        w.wait(20, 90);
        w.track(surface, "Product Compared", { product_ids: [product.id, rng.pick(PRODUCTS).id] });
      }
    } else if (action === "statement") {
      w.page(browser, "Statements", "/statements");
      w.track(surface, "Statement Downloaded", { format: "pdf" });
    } else {
      order(w, surface);
    }
  }
  npsMaybe(w, surface, "website", 0.05);
  loyalty(w, surface, accountAgeDays);
}

export function order(w: JourneyEmitter, surface: Surface): void {
  const rng = w.rng;
  const items = [rng.pick(SHOP_ITEMS)];
  if (rng.chance(0.3)) items.push(rng.pick(SHOP_ITEMS));
  w.wait(30, 200);
  w.track(surface, "Order Completed", {
    order_id: `ord_${rng.hex(10)}`,
    revenue: items.reduce((sum, item) => sum + item.price, 0),
    currency: "USD",
    products: items.map((item) => ({
      product_id: item.id,
      name: item.name,
      category: item.category,
      price: item.price,
      quantity: 1,
    })),
  });
}

function loyalty(w: JourneyEmitter, surface: Surface, accountAgeDays: number): void {
  const rng = w.rng;
  if (accountAgeDays < 14) return;
  if (rng.chance(0.04)) {
    w.wait(10, 60);
    w.track(surface, "Referral Sent", {
      method: rng.pick(["link", "email", "sms"]),
      referral_code: `REF-${rng.base36(6).toUpperCase()}`,
    });
  }
  if (rng.chance(0.03)) {
    const rating = Number(rng.weighted({ 5: 0.35, 4: 0.3, 3: 0.15, 2: 0.1, 1: 0.1 }));
    w.wait(30, 180);
    w.track(surface, "Review Submitted", {
      rating,
      review: rng.pick(COMMENTS[w.customer.language][polarityOf("csat", rating)]),
      platform: surface.kind === "app" ? "app_store" : "trustpilot",
    });
  }
}

export function emailSession(w: JourneyEmitter, accountAgeDays: number): void {
  const rng = w.rng;
  const campaign = rng.pick(CAMPAIGNS);
  const surface = server("email");
  w.track(surface, "Email Opened", {
    campaign_id: campaign.id,
    campaign_name: campaign.name,
    subject: campaign.subject,
  });
  if (rng.chance(0.35)) {
    w.wait(5, 90);
    w.track(surface, "Email Link Clicked", { campaign_id: campaign.id, url: "/offers" });
    w.wait(2, 10);
    webSession(w, rng.pick(w.customer.browsers), accountAgeDays, true);
  }
}
