/** Writes schema.graphql from the code (`npm run schema:emit`); a test fails when the file is stale. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { printedSchema } from '../schema';

printedSchema()
  .then((sdl) => {
    fs.writeFileSync(path.join(projectRoot, 'schema.graphql'), sdl + '\n');
    console.log('schema.graphql written');
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
