import type { KbAudience } from './kb.tables.js';

export const demoKbCategories = [
  { slug: 'orders-delivery', nameRu: 'Заказы и доставка', nameEn: 'Orders and delivery', sort: 10 },
  { slug: 'payment-documents', nameRu: 'Оплата и документы', nameEn: 'Payment and documents', sort: 20 },
  { slug: 'account-company', nameRu: 'Аккаунт и компания', nameEn: 'Account and company', sort: 30 },
] as const;

interface DemoArticle {
  slug: string;
  category: (typeof demoKbCategories)[number]['slug'];
  title: string;
  summary: string;
  body: string;
  language?: 'ru' | 'en';
  audiences: KbAudience[];
  draft?: boolean;
}

/** The demo's help centre: real answers to what a B2B portal's customers ask most. */
export const demoKbArticles: DemoArticle[] = [
  {
    slug: 'kak-oformit-zakaz',
    category: 'orders-delivery',
    title: 'Как оформить заказ',
    summary: 'Корзина, выбор адреса и способа доставки, подтверждение заказа.',
    audiences: ['public'],
    body: `Заказ оформляется в три шага.

1. Найдите товары в **каталоге** и добавьте их в корзину.
2. Откройте корзину, проверьте количество и нажмите «Оформить заказ».
3. Выберите адрес и способ доставки, способ оплаты и подтвердите заказ.

После подтверждения заказ появится в разделе «Заказы», а на почту придёт письмо с его номером.

## Заказ от имени компании
Если вы работаете в компании, переключитесь на неё в верхнем меню: тогда действуют цены по договору, а заказ может потребовать согласования руководителем.`,
  },
  {
    slug: 'sroki-i-stoimost-dostavki',
    category: 'orders-delivery',
    title: 'Сроки и стоимость доставки',
    summary: 'Как считается стоимость доставки, когда приедет заказ, самовывоз со склада.',
    audiences: ['public'],
    body: `Стоимость доставки рассчитывается при оформлении заказа по адресу и весу груза. Доставка по Москве занимает 1–2 рабочих дня, в регионы — от 2 до 7 дней транспортной компанией.

- **Самовывоз** со склада бесплатный: заказ можно забрать на следующий рабочий день после сборки.
- **Курьерская доставка** по городу — по тарифу зоны.
- **Транспортная компания** — до терминала или до двери, по тарифу перевозчика.

Статус доставки и трек-номер видны на странице заказа.`,
  },
  {
    slug: 'kak-otsledit-zakaz',
    category: 'orders-delivery',
    title: 'Как отследить заказы и отгрузки',
    summary: 'Статусы заказа, отгрузки по частям, трек-номер.',
    audiences: ['customer'],
    body: `Все ваши заказы собраны в разделе «Заказы». Статус меняется по мере сборки и отгрузки: «Принят», «В сборке», «Отгружен», «Доставлен».

Если заказ отгружается частями, на странице заказа видна каждая отгрузка со своим трек-номером и документами (УПД, накладная).`,
  },
  {
    slug: 'vozvrat-tovara',
    category: 'orders-delivery',
    title: 'Возврат и обмен товара',
    summary: 'Как вернуть товар надлежащего качества или с браком, сроки и документы.',
    audiences: ['public'],
    body: `Вернуть товар надлежащего качества можно в течение 14 дней, если сохранены упаковка и товарный вид. Товар с браком принимаем в течение гарантийного срока.

1. Откройте заказ и нажмите «Оформить возврат».
2. Укажите позиции, количество и причину, приложите фото брака.
3. Дождитесь подтверждения менеджера и передайте товар курьеру или привезите на склад.

Деньги возвращаются тем же способом, которым был оплачен заказ, в течение 10 рабочих дней после приёмки.`,
  },
  {
    slug: 'oplata-po-schetu',
    category: 'payment-documents',
    title: 'Оплата по счёту для юридических лиц',
    summary: 'Как получить счёт, сроки оплаты, отсрочка по договору.',
    audiences: ['public'],
    body: `Юридические лица и ИП оплачивают заказы по счёту. Счёт формируется автоматически после оформления заказа и доступен на странице заказа в PDF.

- Оплатите счёт в течение **5 банковских дней**, иначе резерв товара снимается.
- В назначении платежа укажите номер счёта.
- Если по договору есть **отсрочка платежа**, заказ отгружается до оплаты в пределах кредитного лимита.

Оплата зачисляется в течение дня после поступления денег на наш счёт.`,
  },
  {
    slug: 'akt-sverki',
    category: 'payment-documents',
    title: 'Как получить акт сверки взаиморасчётов',
    summary: 'Акт сверки за любой период в разделе «Финансы» — с подписью и печатью.',
    audiences: ['company'],
    body: `Акт сверки можно сформировать самостоятельно.

1. Переключитесь на свою компанию и откройте раздел «Финансы».
2. Выберите «Акт сверки», укажите период и договор.
3. Скачайте акт в PDF или запросите подписанный экземпляр — он придёт в раздел «Документы».

Если в акте есть расхождения, напишите в поддержку и приложите свой вариант акта.`,
  },
  {
    slug: 'zakryvayuschie-dokumenty',
    category: 'payment-documents',
    title: 'Закрывающие документы: УПД и счета-фактуры',
    summary: 'Где найти УПД, счета-фактуры и накладные по отгрузкам.',
    audiences: ['customer'],
    body: `Закрывающие документы по каждой отгрузке появляются в разделе «Документы» и на странице заказа: УПД, счёт-фактура, товарная накладная.

Оригиналы передаются через ЭДО или вместе с грузом. Если документа нет через 3 дня после отгрузки, запросите его кнопкой «Запросить документ».`,
  },
  {
    slug: 'kak-dobavit-kollegu',
    category: 'account-company',
    title: 'Как добавить коллегу в кабинет компании',
    summary: 'Приглашение сотрудника по e-mail и выбор его роли.',
    audiences: ['company'],
    body: `Владелец или администратор компании может пригласить коллег.

1. Откройте страницу компании и перейдите в «Сотрудники».
2. Нажмите «Пригласить», укажите e-mail и роль: закупщик, согласующий, бухгалтер или наблюдатель.
3. Коллега получит письмо со ссылкой и после регистрации сразу увидит кабинет компании.

Роль определяет, что сотруднику доступно: например, бухгалтер видит счета и акты сверки, но не оформляет заказы.`,
  },
  {
    slug: 'vosstanovlenie-parolya',
    category: 'account-company',
    title: 'Не получается войти: восстановление пароля',
    summary: 'Сброс пароля по e-mail, вход по коду, двухфакторная защита.',
    audiences: ['public'],
    body: `Если забыли пароль, нажмите «Забыли пароль?» на странице входа и введите e-mail — придёт ссылка для сброса.

Войти можно и без пароля: по одноразовому коду на телефон или по ссылке на почту. Если включена двухфакторная защита и телефон потерян, используйте резервный код.`,
  },
  {
    slug: 'how-to-place-an-order',
    category: 'orders-delivery',
    title: 'How to place an order',
    summary: 'Cart, delivery address and method, order confirmation.',
    language: 'en',
    audiences: ['public'],
    body: `1. Find products in the **catalog** and add them to the cart.
2. Open the cart, check the quantities and press "Checkout".
3. Choose the delivery address and method, the payment method, and confirm.

The order then appears under "Orders", and a confirmation with its number is e-mailed to you.`,
  },
  {
    slug: 'paying-by-invoice',
    category: 'payment-documents',
    title: 'Paying by invoice',
    summary: 'Invoices for companies, payment terms and deferred payment.',
    language: 'en',
    audiences: ['public'],
    body: `Companies pay orders by invoice. The invoice is generated when the order is placed and is available as a PDF on the order page.

Pay within **5 banking days**, quoting the invoice number. With deferred payment in your contract, orders ship before payment within your credit limit.`,
  },
  {
    slug: 'vnutrennee-otvety-po-vozvratam',
    category: 'orders-delivery',
    title: 'Для операторов: как отвечать на вопросы о возвратах',
    summary: 'Внутренняя памятка поддержки.',
    audiences: ['staff'],
    body: `Уточните номер заказа и причину возврата. Брак — сразу передайте заявку на склад с фото; товар надлежащего качества — проверьте срок 14 дней.`,
  },
];
