import type { Persona } from "./demo-types.ts";

/** What kind of contact a scheduled session is; `crm` sessions are CRM record syncs. */
export type SessionKind =
  | "app"
  | "web"
  | "email"
  | "sms"
  | "chat"
  | "call_center"
  | "branch"
  | "store";

export interface PersonaProfile {
  share: number;
  /** Probability that the person uses the mobile app. */
  appUser: number;
  /** Mean days between contacts. */
  meanGapDays: number;
  sessions: Record<SessionKind, number>;
}

export const PERSONA_PROFILES: Record<Persona, PersonaProfile> = {
  digital_native: {
    share: 0.3,
    appUser: 0.97,
    meanGapDays: 10,
    sessions: {
      app: 7,
      web: 1.5,
      email: 0.8,
      sms: 0.5,
      chat: 1,
      call_center: 0.2,
      branch: 0.1,
      store: 0.2,
    },
  },
  web_researcher: {
    share: 0.2,
    appUser: 0.35,
    meanGapDays: 13,
    sessions: {
      app: 1.5,
      web: 6,
      email: 1.5,
      sms: 0.3,
      chat: 0.8,
      call_center: 0.4,
      branch: 0.3,
      store: 0.3,
    },
  },
  branch_traditional: {
    share: 0.15,
    appUser: 0.3,
    meanGapDays: 18,
    sessions: {
      app: 1,
      web: 1,
      email: 0.5,
      sms: 1,
      chat: 0.1,
      call_center: 1.5,
      branch: 4,
      store: 0.5,
    },
  },
  phone_reliant: {
    share: 0.15,
    appUser: 0.45,
    meanGapDays: 16,
    sessions: {
      app: 1.5,
      web: 1,
      email: 0.5,
      sms: 1.5,
      chat: 0.5,
      call_center: 4,
      branch: 1,
      store: 0.2,
    },
  },
  shopper: {
    share: 0.2,
    appUser: 0.5,
    meanGapDays: 13,
    sessions: {
      app: 1.5,
      web: 3,
      email: 4,
      sms: 1,
      chat: 0.4,
      call_center: 0.3,
      branch: 0.3,
      store: 2,
    },
  },
};

/** The planted rates; the truth records what the generated data realises, not these. */
export const DEMO_RATES = {
  /** Persons first seen as anonymous visitors inside the window (the rest are existing). */
  newShare: 0.4,
  /** Of the new visitors, the share who never open an account. */
  prospectShareOfNew: 0.3,
  /**
   * Account holders sent down the breakpoint path, and how many of them churn. With a 4%
   * baseline about 72% of churners went through the path — the figure of SEEDS §2.
   */
  pathShare: 0.12,
  pathChurn: 0.75,
  baselineChurn: 0.04,
  /** Path customers are drawn this many times more often from app 5.1.0 (the root cause). */
  pathWeightOnBuggyVersion: 4,
  /**
   * Transfer completion outside the buggy app version, and on it. Both sit above the figures
   * aimed for (~95%, ~55%) because the breakpoint path adds failed transfers, mostly on 5.1.0.
   */
  transferCompletion: 0.97,
  buggyVersionCompletion: 0.64,
  /** Of the transfers that do not complete, the share that end in `Transfer Failed`. */
  failureShareOfIncomplete: 0.85,
  placeholderEmailShare: 0.03,
  placeholderPhoneShare: 0.02,
  chineseShare: 0.5,
  /** One family tablet shared by two persons per this many persons. */
  personsPerSharedDevice: 300,
} as const;

export const BUGGY_APP_VERSION = "5.1.0";
export const APP_VERSIONS: Record<string, number> = {
  "4.9.2": 0.2,
  "5.0.3": 0.25,
  "5.1.0": 0.3,
  "5.2.0": 0.25,
};

/** Mean NPS score each channel's answers are drawn around: branch high, app low. */
export const PLANTED_NPS_MEAN: Record<string, number> = {
  branch: 8.7,
  store: 8.2,
  call_center: 7.6,
  web: 7.3,
  chat: 6.9,
  app: 5.8,
};

export const PATH = [
  { event: "Account Query", channel: "app" },
  { event: "Transfer Failed", channel: "app" },
  { event: "Customer Service Response Timeout", channel: "app" },
] as const;

export const TRANSFER_WINDOW_MINUTES = 10;
/**
 * The planted long dwell: online (app, web), an international transfer that completes waits
 * this long (seconds, uniform) for a compliance check; other online transfers take 2–45 s.
 */
export const COMPLIANCE_WAIT_SECONDS = [240, 540] as const;

export const PRODUCTS = [
  { id: "chk-everyday", name: "Everyday Checking", category: "checking", value: 120 },
  { id: "sav-high-yield", name: "High-Yield Savings", category: "savings", value: 90 },
  { id: "cc-cashback", name: "Cashback Credit Card", category: "credit_card", value: 260 },
  { id: "cc-travel", name: "Travel Rewards Card", category: "credit_card", value: 340 },
  { id: "loan-personal", name: "Personal Loan", category: "loan", value: 650 },
  { id: "mtg-30y", name: "30-Year Fixed Mortgage", category: "mortgage", value: 1800 },
  { id: "inv-starter", name: "Starter Investment Account", category: "investment", value: 210 },
] as const;
export type Product = (typeof PRODUCTS)[number];

export const SHOP_ITEMS = [
  { id: "ins-travel", name: "Travel Insurance", category: "insurance", price: 49 },
  { id: "ins-phone", name: "Phone Protection Plan", category: "insurance", price: 89 },
  { id: "card-metal", name: "Metal Card Upgrade", category: "cards", price: 95 },
  { id: "safe-box", name: "Safe Deposit Box (1 year)", category: "services", price: 120 },
  { id: "gift-card", name: "Prepaid Gift Card", category: "cards", price: 50 },
  { id: "wallet-rfid", name: "RFID Leather Wallet", category: "accessories", price: 35 },
  { id: "coin-set", name: "Commemorative Coin Set", category: "collectibles", price: 150 },
] as const;

export const CAMPAIGNS = [
  { id: "cmp-spring-savings", name: "Spring Savings Boost", subject: "Earn 4.5% APY this spring" },
  { id: "cmp-card-cashback", name: "Cashback Card Launch", subject: "3% cashback on groceries" },
  { id: "cmp-travel", name: "Travel Season", subject: "No foreign fees on your next trip" },
  { id: "cmp-app-features", name: "New in the App", subject: "Savings goals are here" },
  { id: "cmp-refer", name: "Refer a Friend", subject: "Give $50, get $50" },
] as const;

export const AD_SOURCES = ["google", "facebook", "instagram", "bing", "youtube"] as const;

export const BRANCHES = [
  { id: "br-sf-market", name: "Market Street" },
  { id: "br-ny-5th", name: "Fifth Avenue" },
  { id: "br-chi-loop", name: "The Loop" },
  { id: "br-bos-back-bay", name: "Back Bay" },
  { id: "br-sea-pike", name: "Pike Place" },
  { id: "br-la-wilshire", name: "Wilshire" },
] as const;

export const STORES = [
  { id: "st-sf-union", name: "Union Square Store" },
  { id: "st-ny-soho", name: "SoHo Store" },
  { id: "st-chi-mag", name: "Magnificent Mile Store" },
] as const;

export const WEB_ORIGIN = "https://www.journeybank.example";

export const APP_NAME = "Journey Bank";
export const IOS_MODELS = ["iPhone14,5", "iPhone15,2", "iPhone16,1", "iPad13,1"] as const;
export const ANDROID_MODELS = ["Pixel 7", "SM-S911B", "SM-A546B", "Pixel 8 Pro"] as const;
