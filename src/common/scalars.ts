import { LocalDateResolver } from 'graphql-scalars';

/** A calendar date `YYYY-MM-DD` (due dates, periods), kept as a string end to end so no time zone shifts it. */
export const LocalDateScalar = LocalDateResolver;
