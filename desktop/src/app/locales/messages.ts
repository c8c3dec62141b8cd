/** The shape of a message catalog: the same keys as the French reference, any strings. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
