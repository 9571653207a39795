// Types for the plain-JS generator script (it runs before TypeScript is compiled).
export declare const providers: { sqlite: "sqlite"; postgres: "postgresql" };
export declare function schemaFor(provider: "sqlite" | "postgres"): string;
export declare function writeSchemas(): void;
