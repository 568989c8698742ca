// The indicator catalogue of economic performance (经济运行, DOMAIN §6), seeded with the base on every start: the
// indicators the statistics bureau reports for the zone, with the names its tables use (matched on import), units,
// frequency, growth kind and thresholds. Lead units and owners belong to an installation and are left empty here
// (the demo sets them); administrators add leading indicators of their own without code.
import type { GrowthKind, IndicatorFrequency, IndicatorValueKind, RankKey } from '@zoneops/shared';
import type { DbOrTx } from '../../platform/database.ts';
import { economyIndicators } from '../schema.ts';

export interface CatalogueIndicator {
  code: string;
  nameZh: string;
  nameEn: string;
  aliases: string[];
  unit: string;
  unitEn: string;
  frequency: IndicatorFrequency;
  valueKind: IndicatorValueKind;
  growthKind: GrowthKind;
  higherIsBetter: boolean;
  rankBy: RankKey;
  /** false for per-capita figures: the city's is an average, so no share, pull or contribution. */
  additive: boolean;
  /** Growth in percent below which the indicator is in alert. */
  alertLevel: number | null;
  /** Growth in percent from which it is excellent. */
  excellentLevel: number | null;
  source: string;
  notes: string;
  leading: boolean;
  sort: number;
}

const YI = { unit: '亿元', unitEn: '100 million yuan' };
/** What most indicators are: monthly, cumulative from January, growth at current prices, ranked by growth. */
const usual = {
  frequency: 'month',
  valueKind: 'cumulative',
  growthKind: 'nominal',
  higherIsBetter: true,
  rankBy: 'growth',
  additive: true,
  leading: false,
} as const;

export const economyCatalogue: CatalogueIndicator[] = [
  {
    ...usual,
    code: 'gdp',
    nameZh: '地区生产总值',
    nameEn: 'Gross domestic product (GDP)',
    aliases: ['GDP', '生产总值', '地区生产总值(GDP)'],
    ...YI,
    frequency: 'quarter',
    growthKind: 'real',
    alertLevel: 0,
    excellentLevel: 8,
    source: '区统计局',
    notes: '季度核算（一季度、上半年、前三季度、全年），增速按可比价格计算，以统计部门统一核算数为准。',
    sort: 10,
  },
  {
    ...usual,
    code: 'industrialOutput',
    nameZh: '规模以上工业总产值',
    nameEn: 'Gross industrial output of enterprises above designated size',
    aliases: ['规上工业总产值', '规模以上工业产值', '规上工业产值', '工业总产值'],
    ...YI,
    alertLevel: 0,
    excellentLevel: 10,
    source: '区统计局',
    notes: '年主营业务收入2000万元及以上的工业法人单位，按现价计算。',
    sort: 20,
  },
  {
    ...usual,
    code: 'industrialValueAdded',
    nameZh: '规模以上工业增加值',
    nameEn: 'Industrial value added of enterprises above designated size',
    aliases: ['规上工业增加值', '规模以上工业增加值增速', '工业增加值'],
    ...YI,
    growthKind: 'real',
    alertLevel: 0,
    excellentLevel: 10,
    source: '区统计局',
    notes: '增速按可比价格计算，不能由上年公布数直接推算。',
    sort: 30,
  },
  {
    ...usual,
    code: 'fixedAssetInvestment',
    nameZh: '固定资产投资',
    nameEn: 'Fixed-asset investment',
    aliases: ['固投', '固定资产投资额', '全社会固定资产投资', '固定资产投资(不含农户)'],
    ...YI,
    alertLevel: 0,
    excellentLevel: 10,
    source: '区统计局',
    notes: '计划总投资500万元及以上项目（不含农户）。',
    sort: 40,
  },
  {
    ...usual,
    code: 'industrialInvestment',
    nameZh: '工业投资',
    nameEn: 'Industrial investment',
    aliases: ['工业固定资产投资', '工业投资额'],
    ...YI,
    alertLevel: 0,
    excellentLevel: 10,
    source: '区统计局',
    notes: '固定资产投资中的工业部分。',
    sort: 50,
  },
  {
    ...usual,
    code: 'techUpgradeInvestment',
    nameZh: '技改投资',
    nameEn: 'Technical upgrading investment',
    aliases: ['工业技改投资', '技术改造投资', '工业技术改造投资'],
    ...YI,
    alertLevel: 0,
    excellentLevel: 10,
    source: '区统计局',
    notes: '工业投资中的技术改造部分。',
    sort: 60,
  },
  {
    ...usual,
    code: 'budgetRevenue',
    nameZh: '一般公共预算收入',
    nameEn: 'General public budget revenue',
    aliases: ['地方一般公共预算收入', '一般公共预算总收入', '公共财政预算收入'],
    ...YI,
    alertLevel: 0,
    excellentLevel: 10,
    source: '区财政局',
    notes: '按同口径计算增速。',
    sort: 70,
  },
  {
    ...usual,
    code: 'retailSales',
    nameZh: '社会消费品零售总额',
    nameEn: 'Total retail sales of consumer goods',
    aliases: ['社零', '社零总额', '社会消费品零售额'],
    ...YI,
    alertLevel: 0,
    excellentLevel: 10,
    source: '区统计局',
    notes: '',
    sort: 80,
  },
  {
    ...usual,
    code: 'foreignTrade',
    nameZh: '外贸进出口总额',
    nameEn: 'Total foreign trade (imports and exports)',
    aliases: ['外贸进出口', '进出口总额', '外贸进出口总值'],
    ...YI,
    alertLevel: 0,
    excellentLevel: 10,
    source: '海关、区商务部门',
    notes: '按人民币计价。',
    sort: 90,
  },
  {
    ...usual,
    code: 'foreignInvestment',
    nameZh: '实际利用外资',
    nameEn: 'Foreign direct investment actually utilised',
    aliases: ['实际使用外资', '实际利用外资额', '实际使用外资金额'],
    unit: '万元',
    unitEn: '10,000 yuan',
    alertLevel: 0,
    excellentLevel: 10,
    source: '区商务部门',
    notes: '按人民币计价；单个项目到资对增速影响较大。',
    sort: 100,
  },
  {
    ...usual,
    code: 'constructionOutput',
    nameZh: '建筑业总产值',
    nameEn: 'Gross output of the construction industry',
    aliases: ['建筑业产值', '资质以上建筑业总产值'],
    ...YI,
    alertLevel: 0,
    excellentLevel: 10,
    source: '区统计局',
    notes: '具有资质等级的总承包和专业承包建筑业企业。',
    sort: 110,
  },
  {
    ...usual,
    code: 'ruralIncome',
    nameZh: '农村居民人均可支配收入',
    nameEn: 'Per capita disposable income of rural residents',
    aliases: ['农村常住居民人均可支配收入', '农民人均可支配收入', '农村人均可支配收入'],
    unit: '元',
    unitEn: 'yuan',
    frequency: 'quarter',
    rankBy: 'value',
    additive: false,
    alertLevel: 0,
    excellentLevel: 8,
    source: '国家统计局漳州调查队',
    notes: '人均指标：全市数为加权平均，不计算占全市比重和拉动；按收入水平排位。',
    sort: 120,
  },
  {
    ...usual,
    code: 'industrialPower',
    nameZh: '工业用电量',
    nameEn: 'Industrial electricity consumption',
    aliases: ['工业用电', '全社会工业用电量'],
    unit: '亿千瓦时',
    unitEn: '100 million kWh',
    alertLevel: 0,
    excellentLevel: 10,
    source: '供电公司',
    notes: '先行指标，次月上旬可得，早于统计部门数据反映工业生产走势。',
    leading: true,
    sort: 130,
  },
  {
    ...usual,
    code: 'taxRevenue',
    nameZh: '税收',
    nameEn: 'Tax revenue',
    aliases: ['税收收入', '税收总收入', '全口径税收'],
    ...YI,
    alertLevel: 0,
    excellentLevel: 10,
    source: '区税务局',
    notes: '先行指标，全口径税收收入。',
    leading: true,
    sort: 140,
  },
];

/** Inserts the catalogue's indicators that are not there yet (by code); an administrator's later edits stick. */
export async function seedEconomyCatalogue(db: DbOrTx): Promise<void> {
  await db
    .insert(economyIndicators)
    .values(
      economyCatalogue.map((i) => ({
        ...i,
        alertLevel: i.alertLevel === null ? null : String(i.alertLevel),
        excellentLevel: i.excellentLevel === null ? null : String(i.excellentLevel),
        notes: i.notes || null,
      })),
    )
    .onConflictDoNothing({ target: economyIndicators.code });
}
