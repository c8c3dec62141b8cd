/** Word lists for the demo catalog of a fashion store in Dakar (prices in XOF, no minor unit). */

export interface Size {
  label: string;
  code: string;
}

const sizes = (...labels: string[]): Size[] =>
  labels.map((label) => ({ label, code: label.replace(/[^A-Za-z0-9]/g, '').toUpperCase() }));

export const sizeSets = {
  women: sizes('XS', 'S', 'M', 'L', 'XL', 'XXL'),
  men: sizes('S', 'M', 'L', 'XL', 'XXL'),
  womenShoes: sizes('36', '37', '38', '39', '40', '41'),
  menShoes: sizes('40', '41', '42', '43', '44', '45'),
  boubou: sizes('S/M', 'L/XL', 'XXL'),
  fabric: sizes('3 yards', '6 yards'),
  oneSize: sizes('TU'),
} as const;

export interface Colour {
  name: string;
  code: string;
}

export const colours: readonly Colour[] = [
  { name: 'Noir', code: 'NOI' },
  { name: 'Blanc', code: 'BLA' },
  { name: 'Écru', code: 'ECR' },
  { name: 'Indigo', code: 'IND' },
  { name: 'Bleu roi', code: 'BRO' },
  { name: 'Bordeaux', code: 'BOR' },
  { name: 'Ocre', code: 'OCR' },
  { name: 'Safran', code: 'SAF' },
  { name: 'Terracotta', code: 'TER' },
  { name: 'Vert émeraude', code: 'VEM' },
  { name: 'Kaki', code: 'KAK' },
  { name: 'Camel', code: 'CAM' },
  { name: 'Rose poudré', code: 'ROP' },
  { name: 'Or', code: 'ORR' },
  { name: 'Fuchsia', code: 'FUC' },
  { name: 'Gris anthracite', code: 'GRA' },
];

export interface ProductType {
  /** The start of the product name, already agreed in gender ("Robe longue", "Pantalon large"). */
  noun: string;
  sizes: readonly Size[];
}

export interface CategorySpec {
  slug: string;
  name: string;
  parent?: string;
  /** Leaf categories hold products; the SKU prefix names them. */
  leaf?: {
    skuPrefix: string;
    types: readonly ProductType[];
    /** Phrases that fit every type of the category ("en lin", "brodé main" would not agree). */
    complements: readonly string[];
    /** Price range in XOF. */
    price: readonly [number, number];
    /** Relative share of the catalog. */
    weight: number;
  };
}

const t = (noun: string, sizeSet: readonly Size[]): ProductType => ({ noun, sizes: sizeSet });

export const categorySpecs: readonly CategorySpec[] = [
  { slug: 'femme', name: 'Femme' },
  { slug: 'homme', name: 'Homme' },
  {
    slug: 'robes',
    name: 'Robes',
    parent: 'femme',
    leaf: {
      skuPrefix: 'ROB',
      types: [
        t('Robe portefeuille', sizeSets.women),
        t('Robe longue', sizeSets.women),
        t('Robe chemise', sizeSets.women),
        t('Robe trapèze', sizeSets.women),
        t('Robe de soirée', sizeSets.women),
      ],
      complements: ['en wax', 'en lin', 'en bazin', 'en coton', 'en mousseline', 'à imprimé bogolan'],
      price: [15_000, 85_000],
      weight: 14,
    },
  },
  {
    slug: 'tops-chemisiers',
    name: 'Tops & chemisiers',
    parent: 'femme',
    leaf: {
      skuPrefix: 'TOP',
      types: [
        t('Chemisier', sizeSets.women),
        t('Blouse', sizeSets.women),
        t('Top', sizeSets.women),
        t('Tunique', sizeSets.women),
      ],
      complements: ['en soie', 'en coton', 'en wax', 'en lin', 'à col lavallière', 'à manches bouffantes'],
      price: [7_500, 35_000],
      weight: 10,
    },
  },
  {
    slug: 'jupes',
    name: 'Jupes',
    parent: 'femme',
    leaf: {
      skuPrefix: 'JUP',
      types: [
        t('Jupe crayon', sizeSets.women),
        t('Jupe plissée', sizeSets.women),
        t('Jupe portefeuille', sizeSets.women),
        t('Jupe longue', sizeSets.women),
      ],
      complements: ['en wax', 'en lin', 'en jean', 'en satin', 'à imprimé kente'],
      price: [10_000, 45_000],
      weight: 8,
    },
  },
  {
    slug: 'chemises',
    name: 'Chemises',
    parent: 'homme',
    leaf: {
      skuPrefix: 'CHE',
      types: [
        t('Chemise col mao', sizeSets.men),
        t('Chemise oversize', sizeSets.men),
        t('Chemise ajustée', sizeSets.men),
        t('Chemise à manches courtes', sizeSets.men),
      ],
      complements: ['en lin', 'en popeline', 'en wax', 'en coton oxford', 'à motifs bogolan'],
      price: [10_000, 50_000],
      weight: 10,
    },
  },
  {
    slug: 'pantalons',
    name: 'Pantalons',
    parent: 'homme',
    leaf: {
      skuPrefix: 'PAN',
      types: [
        t('Pantalon chino', sizeSets.men),
        t('Pantalon large', sizeSets.men),
        t('Pantalon de costume', sizeSets.men),
        t('Jean droit', sizeSets.men),
      ],
      complements: ['en lin', 'en coton', 'en gabardine', 'en denim brut', 'à pinces'],
      price: [12_000, 55_000],
      weight: 9,
    },
  },
  {
    slug: 'boubous',
    name: 'Boubous & kaftans',
    leaf: {
      skuPrefix: 'BOU',
      types: [
        t('Grand boubou', sizeSets.boubou),
        t('Boubou brodé', sizeSets.boubou),
        t('Kaftan', sizeSets.boubou),
        t('Ensemble trois pièces', sizeSets.boubou),
      ],
      complements: ['en bazin riche', 'en getzner', 'en basin brodé', 'en coton damassé', 'en soie sauvage'],
      price: [25_000, 150_000],
      weight: 9,
    },
  },
  {
    slug: 'wax-pagnes',
    name: 'Wax & pagnes',
    leaf: {
      skuPrefix: 'WAX',
      types: [
        t('Pagne wax', sizeSets.fabric),
        t('Coupon de tissu', sizeSets.fabric),
        t('Bogolan', sizeSets.fabric),
      ],
      complements: ['hollandais', 'à motifs géométriques', 'fleuri', 'à motifs cauris', 'ton sur ton'],
      price: [5_000, 30_000],
      weight: 8,
    },
  },
  {
    slug: 'chaussures',
    name: 'Chaussures',
    leaf: {
      skuPrefix: 'CHA',
      types: [
        t('Sandales', sizeSets.womenShoes),
        t('Escarpins', sizeSets.womenShoes),
        t('Babouches', sizeSets.menShoes),
        t('Mocassins', sizeSets.menShoes),
        t('Baskets', sizeSets.menShoes),
      ],
      complements: ['en cuir', 'en daim', 'en cuir tressé', 'en toile wax', 'à bride cheville'],
      price: [15_000, 95_000],
      weight: 12,
    },
  },
  {
    slug: 'sacs',
    name: 'Sacs',
    leaf: {
      skuPrefix: 'SAC',
      types: [
        t('Sac cabas', sizeSets.oneSize),
        t('Sac bandoulière', sizeSets.oneSize),
        t('Pochette', sizeSets.oneSize),
        t('Sac à dos', sizeSets.oneSize),
      ],
      complements: ['en cuir', 'en raphia', 'en wax', 'en toile', 'à perles'],
      price: [12_000, 120_000],
      weight: 10,
    },
  },
  {
    slug: 'accessoires',
    name: 'Accessoires',
    leaf: {
      skuPrefix: 'ACC',
      types: [
        t('Foulard', sizeSets.oneSize),
        t('Ceinture', sizeSets.oneSize),
        t('Chapeau', sizeSets.oneSize),
        t('Bracelet', sizeSets.oneSize),
        t('Collier', sizeSets.oneSize),
      ],
      complements: ['en wax', 'en cuir', 'en perles de verre', 'en laiton', 'en raphia'],
      price: [5_000, 40_000],
      weight: 10,
    },
  },
];

/** Collection names: neighbourhoods and places of Senegal. */
export const collections = [
  'Gorée',
  'Saly',
  'Ngor',
  'Almadies',
  'Casamance',
  'Teranga',
  'Sine',
  'Saloum',
  'Joal',
  'Lompoul',
  'Popenguine',
  'Yoff',
  'Fann',
  'Médina',
  'Ndar',
  'Kédougou',
] as const;

export const brands = [
  'Allure Atelier',
  'Maison Teranga',
  'Sahel Studio',
  'Ndar Couture',
  'Kër Wax',
  'Baobab & Co',
  'Dakar Denim',
  'Lagon Bleu',
  'Sabar',
  'Nanu Design',
] as const;

export const descriptionOpenings = [
  'Une pièce pensée à Dakar pour les journées chaudes et les soirées élégantes.',
  'Coupée et finie dans notre atelier, elle se porte aussi bien en ville qu’en cérémonie.',
  'Un classique revisité aux couleurs du Sénégal.',
  'Légère, confortable et facile à associer.',
  'Un modèle signature de la collection, en série limitée.',
] as const;

export const descriptionDetails = [
  'Tissu sélectionné auprès d’artisans locaux.',
  'Finitions cousues main.',
  'Coupe ajustée : prenez votre taille habituelle.',
  'Coupe ample : prenez une taille en dessous si vous êtes entre deux tailles.',
  'Teinture naturelle, chaque pièce est unique.',
] as const;

export const descriptionCare = [
  'Lavage à la main à l’eau froide.',
  'Lavage en machine à 30 °C, sur l’envers.',
  'Nettoyage à sec recommandé.',
  'Repasser à basse température.',
] as const;
