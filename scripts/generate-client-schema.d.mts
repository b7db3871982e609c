type Definition = { properties?: Record<string, object>; required?: string[] };

/** A JSON Schema whose `definitions` hold `RealtimeClientEvent` and every type it refers to. */
export declare function clientEventSchema(): { definitions: Record<string, Definition> };
