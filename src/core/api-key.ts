/**
 * The API key wrapped so it cannot leak by accident: string conversion, JSON and util.inspect all
 * print a placeholder. Only the client factory calls `reveal()`.
 */
export class ApiKey {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted API key]';
  }

  toJSON(): string {
    return '[redacted API key]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[redacted API key]';
  }
}
