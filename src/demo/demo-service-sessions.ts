import { BRANCHES, STORES } from "./demo-catalog.ts";
import type { JourneyEmitter, Surface } from "./demo-emitter.ts";
import { app, appLogin, npsMaybe, order, server, survey, transfer } from "./demo-sessions.ts";

// Assisted and outbound contacts: SMS, chat, call centre, branch, store, and account closure.

export function smsSession(w: JourneyEmitter): void {
  const kind = w.rng.weighted({
    transaction_alert: 4,
    payment_reminder: 2,
    promotion: 1,
    security_code: 2,
  });
  w.track(server("sms"), "SMS Received", { kind });
}

export function chatSession(w: JourneyEmitter): void {
  const rng = w.rng;
  const surface = server("chat");
  const chatId = `chat_${rng.hex(10)}`;
  w.track(surface, "Support Chat Started", {
    chat_id: chatId,
    topic: rng.pick(["card", "fees", "transfer", "login", "statement"]),
  });
  if (rng.chance(0.82)) {
    const resolved = rng.chance(0.8);
    const waitSeconds = rng.int(15, 240);
    w.wait(waitSeconds + 60, waitSeconds + 600);
    w.track(surface, "Support Chat Ended", {
      chat_id: chatId,
      resolved,
      wait_seconds: waitSeconds,
    });
    if (rng.chance(0.35)) survey(w, surface, "csat", "live_chat", resolved ? 4.3 : 2.5);
  } else {
    w.wait(600, 900);
    w.track(surface, "Customer Service Response Timeout", {
      chat_id: chatId,
      queue: "live_chat",
      wait_seconds: rng.int(600, 900),
    });
    if (rng.chance(0.3)) survey(w, surface, "csat", "live_chat", 1.7);
  }
  npsMaybe(w, surface, "live_chat", 0.05);
}

export function callSession(w: JourneyEmitter, reason?: string): void {
  const rng = w.rng;
  const surface = server("call_center");
  const waitSeconds = Math.round(rng.exponential(180));
  w.wait(waitSeconds, waitSeconds + 1);
  w.track(surface, "Call Center Call", {
    call_id: `call_${rng.hex(10)}`,
    reason: reason ?? rng.pick(["balance", "card_lost", "fees", "transfer", "loan_question"]),
    wait_seconds: waitSeconds,
    duration_seconds: rng.int(90, 900),
    resolved: rng.chance(0.85),
  });
  if (reason) return;
  if (rng.chance(0.3)) transfer(w, surface);
  if (rng.chance(0.25)) survey(w, surface, "csat", "phone_call", 4);
  npsMaybe(w, surface, "phone_call", 0.06);
}

export function branchSession(w: JourneyEmitter, purpose?: string): void {
  const rng = w.rng;
  const surface = server("branch");
  const branch = rng.pick(BRANCHES);
  w.track(surface, "Branch Visit", {
    branch_id: branch.id,
    branch_name: branch.name,
    purpose: purpose ?? rng.pick(["advice", "cash", "transfer", "documents"]),
  });
  if (purpose) return;
  if (rng.chance(0.3)) {
    w.wait(60, 300);
    w.track(surface, "Account Query", { query_type: "balance" });
  }
  if (rng.chance(0.35)) {
    w.wait(60, 300);
    transfer(w, surface);
  }
  if (rng.chance(0.1)) survey(w, surface, "csat", "branch_visit", 4.4);
  npsMaybe(w, surface, "branch_visit", 0.14);
}

export function storeSession(w: JourneyEmitter): void {
  const rng = w.rng;
  const surface = server("store");
  const store = rng.pick(STORES);
  w.track(surface, "Store Visit", { store_id: store.id, store_name: store.name });
  if (rng.chance(0.6)) order(w, surface);
  npsMaybe(w, surface, "store_visit", 0.1);
}

/** The account is closed and the person is never seen again. */
export function closeSession(w: JourneyEmitter, afterBreakpoint: boolean): void {
  const rng = w.rng;
  const device = w.customer.device ?? w.customer.borrowedDevice;
  const where = rng.weighted({ call_center: 0.45, branch: 0.3, app: device ? 0.25 : 0 });
  let surface: Surface;
  if (where === "app" && device) {
    surface = app(device);
    appLogin(w, device);
    w.screen(device, "Settings");
  } else if (where === "branch") {
    surface = server("branch");
    branchSession(w, "close_account");
  } else {
    surface = server("call_center");
    callSession(w, "close_account");
  }
  w.wait(60, 600);
  const reasons = afterBreakpoint
    ? { service_issues: 6, switching_bank: 3, fees: 1 }
    : { fees: 3, moved_away: 3, switching_bank: 2, service_issues: 1 };
  w.track(surface, "Account Closed", {
    account_id: `acct_${w.customer.identity.userId.slice(4)}`,
    reason: rng.weighted(reasons),
  });
}
