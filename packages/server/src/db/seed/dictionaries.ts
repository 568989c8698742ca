// Code lists shipped with the product; administrators extend them.
export interface SeedDict {
  code: string;
  name: string;
  nameEn: string;
  items: { code: string; label: string; labelEn: string; parentCode?: string }[];
}

export const seedDictionaries: SeedDict[] = [
  {
    code: 'industry',
    name: '行业',
    nameEn: 'Industry',
    items: [
      { code: 'petrochemical', label: '石油化工', labelEn: 'Petrochemicals' },
      { code: 'fineChemical', label: '精细化工', labelEn: 'Fine chemicals' },
      { code: 'newMaterials', label: '化工新材料', labelEn: 'New materials' },
      { code: 'logistics', label: '港口物流', labelEn: 'Port logistics' },
      { code: 'energy', label: '能源', labelEn: 'Energy' },
      { code: 'equipment', label: '装备制造', labelEn: 'Equipment' },
      { code: 'services', label: '生产性服务', labelEn: 'Business services' },
    ],
  },
  {
    code: 'enterpriseTag',
    name: '企业标签',
    nameEn: 'Enterprise tag',
    items: [
      { code: 'aboveScale', label: '规上企业', labelEn: 'Above designated size' },
      { code: 'highTech', label: '高新技术企业', labelEn: 'High-tech enterprise' },
      { code: 'specialised', label: '专精特新', labelEn: 'Specialised and innovative' },
      { code: 'littleGiant', label: '小巨人', labelEn: 'Little giant' },
      { code: 'chainLeader', label: '链主企业', labelEn: 'Chain leader' },
    ],
  },
  {
    code: 'fundingSource',
    name: '资金来源',
    nameEn: 'Funding source',
    items: [
      { code: 'government', label: '政府投资', labelEn: 'Government' },
      { code: 'central', label: '中央预算内资金', labelEn: 'Central budget', parentCode: 'government' },
      { code: 'specialBond', label: '地方政府专项债', labelEn: 'Local special bonds', parentCode: 'government' },
      { code: 'local', label: '地方财政资金', labelEn: 'Local budget', parentCode: 'government' },
      { code: 'enterprise', label: '企业自筹', labelEn: 'Own funds' },
      { code: 'bank', label: '银行贷款', labelEn: 'Bank loans' },
      { code: 'foreign', label: '外资', labelEn: 'Foreign capital' },
      { code: 'other', label: '其他', labelEn: 'Other' },
    ],
  },
];
