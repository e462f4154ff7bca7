import { GraphQLScalarType } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

const FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date `YYYY-MM-DD` (due dates, periods), kept as a string end to end so no time zone shifts it.
 * graphql-scalars' LocalDate, with one change: a value going out that already has the date shape is sent
 * as is (dates come from PostgreSQL `date` columns, valid by construction) instead of being parsed into a
 * Date and printed back for every field; input is checked exactly as graphql-scalars checks it.
 */
export const LocalDateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  serialize(value: unknown) {
    return typeof value === 'string' && FORMAT.test(value) ? value : LocalDateResolver.serialize(value);
  },
});
