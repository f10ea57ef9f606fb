#!/usr/bin/env node
import { once } from 'node:events';
// Writes a CommerceML 2.10 exchange of N products for the import benchmark: import.xml (1 000 groups in two
// levels, 6 properties of three kinds, products with property values, barcodes and weights) and offers.xml
// (3 price types, 3 warehouses, one offer per product with 3 prices and stock per warehouse).
//   node bench/commerceml-generate.mjs [--products 100000] [--out <dir>]      prints {"dir", "importBytes", "offersBytes"}
// Files are streamed out, so memory stays small for any N.
import { createWriteStream, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const products = Number(arg('products', process.env.BENCH_PRODUCTS ?? 100000));
const out = arg('out', '') || mkdtempSync(join(tmpdir(), 'kabinet-cml-'));
mkdirSync(out, { recursive: true });

const topGroups = 50;
const subGroups = 19; // 50 + 50 × 19 = 1 000 groups
const uuid = (kind, n) => `${kind.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const priceTypes = [
  ['retail', 'Розничная'],
  ['wholesale', 'Оптовая'],
  ['dealer', 'Дилерская'],
];
const warehouses = ['Москва', 'Санкт-Петербург', 'Новосибирск'];
const colours = [
  'Белый',
  'Чёрный',
  'Серый',
  'Красный',
  'Синий',
  'Зелёный',
  'Жёлтый',
  'Бежевый',
  'Коричневый',
  'Серебристый',
];
const brands = ['Акме', 'Вектор', 'Гранит', 'Дельта', 'Зенит', 'Импульс', 'Квант', 'Лидер', 'Модуль', 'Норд'];
const words = [
  'Кабель',
  'Фильтр',
  'Насос',
  'Дрель',
  'Светильник',
  'Розетка',
  'Выключатель',
  'Труба',
  'Кран',
  'Клапан',
];

async function writeFile(path, body) {
  const stream = createWriteStream(path);
  const write = async (text) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await body(write);
  stream.end();
  await once(stream, 'finish');
}

const head =
  '<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_210" ВерсияСхемы="2.10" ДатаФормирования="2026-12-05T12:00:00">\n';
const groupOf = (i) => {
  const top = i % topGroups;
  const sub = Math.floor(i / topGroups) % subGroups;
  return uuid('group', 1000 + top * 100 + sub);
};

await writeFile(join(out, 'import.xml'), async (write) => {
  await write(
    `${head}<Классификатор><Ид>${uuid('classif', 1)}</Ид><Наименование>Классификатор</Наименование><Группы>\n`,
  );
  for (let t = 0; t < topGroups; t++) {
    await write(
      `<Группа><Ид>${uuid('group', t)}</Ид><Наименование>${words[t % 10]} ${t}</Наименование><Группы>`,
    );
    for (let s = 0; s < subGroups; s++) {
      await write(
        `<Группа><Ид>${uuid('group', 1000 + t * 100 + s)}</Ид><Наименование>${words[t % 10]} ${t}.${s}</Наименование></Группа>`,
      );
    }
    await write('</Группы></Группа>\n');
  }
  await write('</Группы><Свойства>\n');
  const list = (id, name, values) =>
    `<Свойство><Ид>${uuid('prop', id)}</Ид><Наименование>${name}</Наименование><ТипЗначений>Справочник</ТипЗначений><ВариантыЗначений>${values
      .map(
        (v, i) =>
          `<Справочник><ИдЗначения>${uuid(`opt${id}`, i)}</ИдЗначения><Значение>${v}</Значение></Справочник>`,
      )
      .join('')}</ВариантыЗначений></Свойство>\n`;
  await write(list(1, 'Цвет', colours));
  await write(list(2, 'Бренд', brands));
  await write(
    `<Свойство><Ид>${uuid('prop', 3)}</Ид><Наименование>Мощность, Вт</Наименование><ТипЗначений>Число</ТипЗначений></Свойство>\n`,
  );
  await write(
    `<Свойство><Ид>${uuid('prop', 4)}</Ид><Наименование>Длина, м</Наименование><ТипЗначений>Число</ТипЗначений></Свойство>\n`,
  );
  await write(
    `<Свойство><Ид>${uuid('prop', 5)}</Ид><Наименование>Материал</Наименование><ТипЗначений>Строка</ТипЗначений></Свойство>\n`,
  );
  await write(
    `<Свойство><Ид>${uuid('prop', 6)}</Ид><Наименование>Страна</Наименование><ТипЗначений>Строка</ТипЗначений></Свойство>\n`,
  );
  await write('</Свойства></Классификатор>\n');
  await write(
    `<Каталог СодержитТолькоИзменения="false"><Ид>${uuid('catalog', 1)}</Ид><ИдКлассификатора>${uuid('classif', 1)}</ИдКлассификатора><Наименование>Основной каталог</Наименование><Товары>\n`,
  );
  for (let i = 0; i < products; i++) {
    const word = words[i % 10];
    await write(
      `<Товар><Ид>${uuid('product', i)}</Ид><Штрихкод>46${String(i).padStart(11, '0')}</Штрихкод><Артикул>BN-${String(i).padStart(6, '0')}</Артикул>` +
        `<Наименование>${word} ${brands[i % 10]} модель ${i}</Наименование><БазоваяЕдиница Код="796" НаименованиеПолное="Штука" МеждународноеСокращение="PCE">шт</БазоваяЕдиница>` +
        `<Группы><Ид>${groupOf(i)}</Ид></Группы><Описание>${word} для дома и производства, модель ${i}. Гарантия 12 месяцев.</Описание>` +
        `<ЗначенияСвойств><ЗначенияСвойства><Ид>${uuid('prop', 1)}</Ид><Значение>${uuid('opt1', i % 10)}</Значение></ЗначенияСвойства>` +
        `<ЗначенияСвойства><Ид>${uuid('prop', 2)}</Ид><Значение>${uuid('opt2', (i >> 3) % 10)}</Значение></ЗначенияСвойства>` +
        `<ЗначенияСвойства><Ид>${uuid('prop', 3)}</Ид><Значение>${(i % 40) * 50 + 100}</Значение></ЗначенияСвойства>` +
        `<ЗначенияСвойства><Ид>${uuid('prop', 5)}</Ид><Значение>${i % 2 ? 'Сталь' : 'Пластик'}</Значение></ЗначенияСвойства></ЗначенияСвойств>` +
        `<ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>ВидНоменклатуры</Наименование><Значение>Товар</Значение></ЗначениеРеквизита>` +
        `<ЗначениеРеквизита><Наименование>Вес</Наименование><Значение>${((i % 50) + 1) / 10}</Значение></ЗначениеРеквизита></ЗначенияРеквизитов></Товар>\n`,
    );
  }
  await write('</Товары></Каталог>\n</КоммерческаяИнформация>\n');
});

await writeFile(join(out, 'offers.xml'), async (write) => {
  await write(
    `${head}<ПакетПредложений СодержитТолькоИзменения="false"><Ид>${uuid('catalog', 1)}#</Ид><Наименование>Пакет предложений</Наименование><ИдКаталога>${uuid('catalog', 1)}</ИдКаталога><ИдКлассификатора>${uuid('classif', 1)}</ИдКлассификатора><ТипыЦен>\n`,
  );
  for (const [i, [, name]] of priceTypes.entries()) {
    await write(
      `<ТипЦены><Ид>${uuid('price', i)}</Ид><Наименование>${name}</Наименование><Валюта>RUB</Валюта><Налог><Наименование>НДС</Наименование><УчтеноВСумме>true</УчтеноВСумме></Налог></ТипЦены>\n`,
    );
  }
  await write('</ТипыЦен><Склады>\n');
  for (const [i, name] of warehouses.entries())
    await write(`<Склад><Ид>${uuid('store', i)}</Ид><Наименование>${name}</Наименование></Склад>\n`);
  await write('</Склады><Предложения>\n');
  for (let i = 0; i < products; i++) {
    const retail = 100 + ((i * 7919) % 99_900) + (i % 100) / 100;
    const prices = [retail, retail * 0.9, retail * 0.8].map(
      (p, k) =>
        `<Цена><Представление>${p.toFixed(2)} руб. за шт</Представление><ИдТипаЦены>${uuid('price', k)}</ИдТипаЦены><ЦенаЗаЕдиницу>${p.toFixed(2)}</ЦенаЗаЕдиницу><Валюта>RUB</Валюта><Единица>шт</Единица><Коэффициент>1</Коэффициент></Цена>`,
    );
    const stock = warehouses.map((_, k) => ((i + k * 13) % 17) * 2);
    await write(
      `<Предложение><Ид>${uuid('product', i)}</Ид><Артикул>BN-${String(i).padStart(6, '0')}</Артикул><Наименование>${words[i % 10]} ${brands[i % 10]} модель ${i}</Наименование>` +
        `<БазоваяЕдиница Код="796" НаименованиеПолное="Штука" МеждународноеСокращение="PCE">шт</БазоваяЕдиница><Цены>${prices.join('')}</Цены>` +
        `<Количество>${stock.reduce((a, b) => a + b, 0)}</Количество>${stock.map((q, k) => `<Склад ИдСклада="${uuid('store', k)}" КоличествоНаСкладе="${q}"/>`).join('')}</Предложение>\n`,
    );
  }
  await write('</Предложения></ПакетПредложений>\n</КоммерческаяИнформация>\n');
});

console.log(
  JSON.stringify({
    dir: out,
    products,
    importBytes: statSync(join(out, 'import.xml')).size,
    offersBytes: statSync(join(out, 'offers.xml')).size,
  }),
);
