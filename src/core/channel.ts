/** Touchpoint channels journeylens knows (DESIGN §3). */
export const CHANNELS = [
  "web",
  "app",
  "email",
  "sms",
  "push",
  "chat",
  "call_center",
  "branch",
  "store",
  "social",
  "ads",
  "crm",
  "partner",
  "other",
  "unknown",
] as const;

export type Channel = (typeof CHANNELS)[number];

const KNOWN = new Set<string>(CHANNELS);

// Spellings seen in real exports, mapped to the canonical channel.
const ALIASES: Record<string, Channel> = {
  website: "web",
  browser: "web",
  online: "web",
  mobile: "app",
  mobile_app: "app",
  ios: "app",
  android: "app",
  mail: "email",
  e_mail: "email",
  text: "sms",
  live_chat: "chat",
  livechat: "chat",
  im: "chat",
  call_centre: "call_center",
  callcenter: "call_center",
  callcentre: "call_center",
  phone: "call_center",
  ivr: "call_center",
  contact_center: "call_center",
  contact_centre: "call_center",
  pos: "store",
  shop: "store",
  retail: "store",
  bank_branch: "branch",
  outlet: "branch",
};

/** Maps a free-text channel name to a known channel, or undefined when it is not one. */
export function canonicalChannel(value: unknown): Channel | undefined {
  if (typeof value !== "string") return undefined;
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (key === "") return undefined;
  if (KNOWN.has(key)) return key as Channel;
  return ALIASES[key];
}

interface ChannelSources {
  type: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

/**
 * The channel of a message: `properties.channel`, else `context.channel` when it is a known
 * channel, else inferred from the message type and the sending library, else `unknown`.
 */
export function resolveChannel({ type, properties, context }: ChannelSources): Channel {
  const explicit = canonicalChannel(properties.channel) ?? canonicalChannel(context.channel);
  if (explicit) return explicit;
  if (type === "page") return "web";
  if (type === "screen") return "app";
  const library = context.library as { name?: unknown } | undefined;
  const name = typeof library?.name === "string" ? library.name.toLowerCase() : "";
  if (/analytics\.js|analytics-next|rudder-sdk-js|browser/.test(name)) return "web";
  if (/ios|android|react-native|flutter|swift|kotlin/.test(name)) return "app";
  if (context.app !== undefined || context.device !== undefined) return "app";
  return "unknown";
}
