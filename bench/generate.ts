// Generates the benchmark data set in a data directory (or DATABASE_URL): the demo business plus
// 10 000 products in 100 categories and 20 client companies. Multi-row INSERT batches, not one per row.
import { v7 as uuidv7 } from 'uuid';
import { categories, companies, products } from '../src/db/schema.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { openDatabase } from '../src/server/core/db.js';

const [dataDir, productCount = '10000'] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
if (!dataDir && !url) throw new Error('usage: generate.ts <data dir> [products]');

const database = await openDatabase(
  url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: dataDir as string },
);
try {
  await database.migrate();
  const { db } = database;
  await seedDemo(db, { publicUrl: 'http://localhost', password: 'bench-demo-password' });
  const categoryIds = Array.from({ length: 100 }, () => uuidv7());
  await db
    .insert(categories)
    .values(
      categoryIds.map((id, i) => ({ id, slug: `bench-${i}`, name: `Категория ${i + 1}`, position: 100 + i })),
    );
  const total = Number(productCount);
  for (let start = 0; start < total; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, total - start) }, (_, j) => {
      const n = start + j;
      return {
        id: uuidv7(),
        sku: `BENCH-${String(n).padStart(6, '0')}`,
        name: `Товар для бенчмарка №${n}`,
        categoryId: categoryIds[n % categoryIds.length] as string,
        basePrice: 10_000 + ((n * 7919) % 1_000_000),
      };
    });
    await db.insert(products).values(batch);
  }
  await db.insert(companies).values(
    Array.from({ length: 20 }, (_, i) => ({
      id: uuidv7(),
      name: `Клиент ${i + 1}`,
      legalName: `ООО «Клиент ${i + 1}»`,
      kinds: ['client'],
      inn: String(7700000000 + i),
    })),
  );
  process.stdout.write(`bench: generated ${await db.$count(products)} products\n`);
} finally {
  await database.close();
}
