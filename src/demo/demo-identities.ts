import type { Language } from "./demo-comments.ts";
import type { Rng } from "./demo-random.ts";

const EN_FIRST = [
  "James",
  "Mary",
  "Robert",
  "Patricia",
  "John",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Daniel",
  "Karen",
  "Matthew",
  "Nancy",
  "Anthony",
  "Lisa",
  "Mark",
  "Emily",
  "Alice",
  "Olivia",
  "Noah",
  "Ethan",
  "Sophia",
  "Ava",
  "Lucas",
  "Mia",
  "Grace",
];
const EN_LAST = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Wilson",
  "Anderson",
  "Taylor",
  "Thomas",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Thompson",
  "White",
  "Harris",
  "Clark",
  "Lewis",
  "Walker",
  "Hall",
  "Young",
  "King",
  "Wright",
  "Lopez",
  "Hill",
  "Scott",
  "Green",
  "Adams",
  "Baker",
  "Nelson",
  "Carter",
];
const ZH_FAMILY = [
  "Wang",
  "Li",
  "Zhang",
  "Liu",
  "Chen",
  "Yang",
  "Huang",
  "Zhao",
  "Wu",
  "Zhou",
  "Xu",
  "Sun",
  "Ma",
  "Zhu",
  "Hu",
  "Guo",
  "He",
  "Lin",
  "Luo",
  "Gao",
  "Wong",
  "Chan",
];
const ZH_GIVEN = [
  "Wei",
  "Fang",
  "Na",
  "Min",
  "Jing",
  "Li",
  "Qiang",
  "Lei",
  "Jun",
  "Yang",
  "Yong",
  "Yan",
  "Jie",
  "Tao",
  "Ming",
  "Chao",
  "Xiuying",
  "Hua",
  "Hui",
  "Yu",
  "Xin",
  "Hao",
  "Mei",
  "Ying",
];
const EN_DOMAINS = [
  "gmail.com",
  "outlook.com",
  "yahoo.com",
  "icloud.com",
  "hotmail.com",
  "aol.com",
];
const ZH_DOMAINS = ["gmail.com", "qq.com", "163.com", "outlook.com", "icloud.com", "126.com"];

/** US cities with their area codes; the demo bank's customers live in these. */
const CITIES = [
  { city: "San Francisco", areaCodes: ["415", "628"] },
  { city: "New York", areaCodes: ["212", "646", "917"] },
  { city: "Chicago", areaCodes: ["312", "773"] },
  { city: "Boston", areaCodes: ["617", "857"] },
  { city: "Seattle", areaCodes: ["206"] },
  { city: "Los Angeles", areaCodes: ["213", "310", "323"] },
  { city: "Houston", areaCodes: ["713", "832"] },
  { city: "Atlanta", areaCodes: ["404", "678"] },
] as const;

export const PLACEHOLDER_EMAILS = ["test@test.com", "none@none.com", "noemail@example.com"];
export const PLACEHOLDER_PHONES = ["0000000000"];

export interface Identity {
  firstName: string;
  lastName: string;
  /** Lower-case, as the person types it on the web and in the app. */
  email: string;
  /** Ten US digits, e.g. 4155552671. */
  phone: string;
  city: string;
  crmId: string;
  userId: string;
}

/** Hands out names, emails, phones and ids that never collide within one generation. */
export class IdentityFactory {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  create(language: Language): Identity {
    const rng = this.rng;
    const zh = language === "zh";
    const firstName = rng.pick(zh ? ZH_GIVEN : EN_FIRST);
    const lastName = rng.pick(zh ? ZH_FAMILY : EN_LAST);
    const place = rng.pick(CITIES);
    return {
      firstName,
      lastName,
      email: this.email(firstName, lastName, rng.pick(zh ? ZH_DOMAINS : EN_DOMAINS)),
      phone: this.unique(() => this.phoneDigits(rng.pick(place.areaCodes))),
      city: place.city,
      crmId: this.unique(() => `C${String(rng.int(10_000_000, 99_999_999))}`),
      userId: this.unique(() => `usr_${rng.base36(10)}`),
    };
  }

  anonymousId(): string {
    return this.unique(() => this.rng.uuid());
  }

  deviceId(kind: "ios" | "android"): string {
    return this.unique(() => (kind === "ios" ? this.rng.uuid().toUpperCase() : this.rng.hex(16)));
  }

  private email(first: string, last: string, domain: string): string {
    const f = first.toLowerCase();
    const l = last.toLowerCase();
    const local = this.rng.pick([`${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}_${l}`, `${l}.${f}`]);
    let candidate = `${local}@${domain}`;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${local}${n}@${domain}`;
    this.used.add(candidate);
    return candidate;
  }

  /**
   * A valid US number: a real area code, an exchange starting 2–9 that is neither N11 nor 555.
   * (Checked against libphonenumber by the tests; parsing here would cost ~10⁻¹ ms a number.)
   */
  private phoneDigits(areaCode: string): string {
    for (;;) {
      const exchange = `${this.rng.int(2, 9)}${this.rng.int(0, 9)}${this.rng.int(0, 9)}`;
      if (exchange === "555" || exchange.endsWith("11")) continue;
      return `${areaCode}${exchange}${String(this.rng.int(0, 9999)).padStart(4, "0")}`;
    }
  }

  private unique(make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.used.has(value)) {
        this.used.add(value);
        return value;
      }
    }
  }
}

/** How each system writes the same phone number: CRM, web and app differ on purpose. */
export const phoneFormats = {
  /** E.164 of any of the formats below. */
  e164: (text: string) => {
    const digits = text.replace(/\D/g, "");
    if (digits.length === 10) return `+1${digits}`;
    return digits.length === 11 && digits.startsWith("1") ? `+${digits}` : undefined;
  },
  crm: (d: string) => `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
  web: (d: string) => `+1 ${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
  app: (d: string) => d,
};

/** The CRM's spelling of an email: capitalised like `Alice.Wong@Example.com `, or shouted. */
export function crmEmail(email: string, style: number): string {
  if (style < 0.5) {
    const [local = "", domain = ""] = email.split("@");
    const cap = (part: string) => part.charAt(0).toUpperCase() + part.slice(1);
    return `${local.split(".").map(cap).join(".")}@${cap(domain)} `;
  }
  if (style < 0.7) return email.toUpperCase();
  return email;
}
