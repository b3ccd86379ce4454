import { normaliseEmail } from "../core/identifiers.ts";
import { PLACEHOLDER_EMAILS, PLACEHOLDER_PHONES, phoneFormats } from "./demo-identities.ts";
import type { IdentityTraps, SegmentMessage, TruePerson } from "./demo-types.ts";

/**
 * Records, from the messages themselves, which identifiers each person used; the identity
 * truth is built from this so it can only name identifiers that really occur.
 */
export class IdentityLedger {
  private readonly persons = new Map<number, Record<keyof TruePerson, Set<string>>>();
  private readonly deviceUsers = new Map<string, Set<number>>();
  private readonly anonymousUsers = new Map<string, Set<number>>();
  private readonly placeholderEmails = new Set<string>();
  private readonly placeholderPhones = new Set<string>();

  observe(person: number, message: SegmentMessage): void {
    const entry = this.entry(person);
    if (message.userId) entry.userIds.add(message.userId);
    if (message.anonymousId) {
      entry.anonymousIds.add(message.anonymousId);
      addTo(this.anonymousUsers, message.anonymousId, person);
    }
    const device = message.context?.device?.id;
    if (device) addTo(this.deviceUsers, device, person);
    const traits = message.traits;
    if (!traits) return;
    if (typeof traits.email === "string") {
      const email = normaliseEmail(traits.email);
      if (email && PLACEHOLDER_EMAILS.includes(email)) this.placeholderEmails.add(traits.email);
      else if (email) entry.emails.add(email);
    }
    if (typeof traits.phone === "string") {
      if (PLACEHOLDER_PHONES.includes(traits.phone)) this.placeholderPhones.add(traits.phone);
      else {
        const phone = phoneFormats.e164(traits.phone);
        if (phone) entry.phones.add(phone);
      }
    }
    if (typeof traits.crm_id === "string") entry.crmIds.add(traits.crm_id);
  }

  /** The truth: per-person identifiers without the ones several persons share, and the traps. */
  result(personIds: readonly string[]): {
    persons: Record<string, TruePerson>;
    traps: IdentityTraps;
  } {
    const shared = (users: Map<string, Set<number>>) =>
      [...users]
        .filter(([, who]) => who.size > 1)
        .map(([id]) => id)
        .sort();
    const sharedAnonymousIds = shared(this.anonymousUsers);
    const sharedAnon = new Set(sharedAnonymousIds);
    const persons: Record<string, TruePerson> = {};
    personIds.forEach((personId, index) => {
      const entry = this.entry(index);
      persons[personId] = {
        userIds: [...entry.userIds].sort(),
        anonymousIds: [...entry.anonymousIds].filter((id) => !sharedAnon.has(id)).sort(),
        emails: [...entry.emails].sort(),
        phones: [...entry.phones].sort(),
        crmIds: [...entry.crmIds].sort(),
      };
    });
    return {
      persons,
      traps: {
        sharedDevices: shared(this.deviceUsers),
        sharedAnonymousIds,
        placeholderEmails: [...this.placeholderEmails].sort(),
        placeholderPhones: [...this.placeholderPhones].sort(),
      },
    };
  }

  private entry(person: number) {
    let entry = this.persons.get(person);
    if (!entry) {
      entry = {
        userIds: new Set(),
        anonymousIds: new Set(),
        emails: new Set(),
        phones: new Set(),
        crmIds: new Set(),
      };
      this.persons.set(person, entry);
    }
    return entry;
  }
}

function addTo(map: Map<string, Set<number>>, key: string, person: number): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(person);
}
