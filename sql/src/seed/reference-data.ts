// Reference data the demo city needs: agency types, report categories with SLAs, and Hà Nội's city agencies.
// Names are Vietnamese first with English beside them; SLAs are minutes (acknowledge, resolve).

export interface AgencyTypeDef {
  code: string;
  name: string;
  name_en: string;
}

export const AGENCY_TYPES: AgencyTypeDef[] = [
  { code: 'people_committee', name: 'Ủy ban nhân dân', name_en: "People's Committee" },
  { code: 'environment', name: 'Môi trường đô thị', name_en: 'Urban environment' },
  { code: 'drainage', name: 'Thoát nước', name_en: 'Drainage' },
  { code: 'transport', name: 'Giao thông', name_en: 'Transport' },
  { code: 'urban_order', name: 'Trật tự đô thị', name_en: 'Urban order' },
  { code: 'lighting', name: 'Điện chiếu sáng', name_en: 'Street lighting' },
  { code: 'greenery', name: 'Cây xanh', name_en: 'Trees and parks' },
  { code: 'police', name: 'Công an', name_en: 'Police' },
  { code: 'water_supply', name: 'Cấp nước', name_en: 'Water supply' },
  { code: 'electricity', name: 'Điện lực', name_en: 'Electricity' },
  { code: 'construction', name: 'Xây dựng', name_en: 'Construction inspection' },
  { code: 'rescue', name: 'Cứu nạn, cứu hộ', name_en: 'Fire and rescue' },
];

export interface CategoryDef {
  code: string;
  name: string;
  name_en: string;
  agency_type: string;
  ack_minutes: number;
  resolve_minutes: number;
  priority: number;
  is_emergency?: boolean;
  color: string;
  keywords: string[];
  /** Share of the demo workload, in percent. */
  weight: number;
}

const H = 60;
const D = 24 * H;

// prettier-ignore -- one row per entry reads as a table
export const CATEGORIES: CategoryDef[] = [
  {
    code: 'khan-cap',
    name: 'Khẩn cấp (SOS)',
    name_en: 'Emergency (SOS)',
    agency_type: 'rescue',
    ack_minutes: 5,
    resolve_minutes: 2 * H,
    priority: 1,
    is_emergency: true,
    color: '#d7191c',
    keywords: ['cứu', 'khẩn cấp', 'tai nạn', 'cháy', 'sos'],
    weight: 1,
  },
  {
    code: 'ngap-ung',
    name: 'Ngập úng',
    name_en: 'Flooding',
    agency_type: 'drainage',
    ack_minutes: H,
    resolve_minutes: D,
    priority: 2,
    color: '#2b83ba',
    keywords: ['ngập', 'úng', 'nước dâng'],
    weight: 7,
  },
  {
    code: 'cong-thoat-nuoc',
    name: 'Hỏng cống, nắp cống',
    name_en: 'Broken drain or manhole',
    agency_type: 'drainage',
    ack_minutes: 2 * H,
    resolve_minutes: 3 * D,
    priority: 2,
    color: '#1f78b4',
    keywords: ['cống', 'nắp cống', 'hố ga', 'tắc'],
    weight: 8,
  },
  {
    code: 'rac-thai',
    name: 'Rác thải, vệ sinh môi trường',
    name_en: 'Rubbish and sanitation',
    agency_type: 'environment',
    ack_minutes: 4 * H,
    resolve_minutes: 2 * D,
    priority: 3,
    color: '#33a02c',
    keywords: ['rác', 'phế thải', 'bẩn', 'hôi'],
    weight: 20,
  },
  {
    code: 'o-nhiem',
    name: 'Ô nhiễm môi trường',
    name_en: 'Pollution',
    agency_type: 'environment',
    ack_minutes: 8 * H,
    resolve_minutes: 7 * D,
    priority: 3,
    color: '#6a3d9a',
    keywords: ['ô nhiễm', 'khói', 'bụi', 'mùi'],
    weight: 4,
  },
  {
    code: 'duong-hu-hong',
    name: 'Hư hỏng mặt đường, ổ gà',
    name_en: 'Damaged road or pothole',
    agency_type: 'transport',
    ack_minutes: 4 * H,
    resolve_minutes: 7 * D,
    priority: 3,
    color: '#ff7f00',
    keywords: ['ổ gà', 'sụt lún', 'mặt đường', 'hư hỏng'],
    weight: 12,
  },
  {
    code: 'den-tin-hieu',
    name: 'Đèn tín hiệu giao thông hỏng',
    name_en: 'Traffic signal fault',
    agency_type: 'transport',
    ack_minutes: H,
    resolve_minutes: D,
    priority: 2,
    color: '#e31a1c',
    keywords: ['đèn đỏ', 'đèn tín hiệu', 'đèn giao thông'],
    weight: 3,
  },
  {
    code: 'den-chieu-sang',
    name: 'Đèn chiếu sáng hỏng',
    name_en: 'Street light out',
    agency_type: 'lighting',
    ack_minutes: 8 * H,
    resolve_minutes: 3 * D,
    priority: 4,
    color: '#fdbf6f',
    keywords: ['đèn đường', 'chiếu sáng', 'tối'],
    weight: 8,
  },
  {
    code: 'cay-xanh',
    name: 'Cây đổ, cây nguy hiểm',
    name_en: 'Fallen or dangerous tree',
    agency_type: 'greenery',
    ack_minutes: H,
    resolve_minutes: D,
    priority: 2,
    color: '#b2df8a',
    keywords: ['cây đổ', 'cành', 'cây xanh'],
    weight: 6,
  },
  {
    code: 'lan-chiem-via-he',
    name: 'Lấn chiếm vỉa hè, lòng đường',
    name_en: 'Sidewalk or roadway encroachment',
    agency_type: 'urban_order',
    ack_minutes: 4 * H,
    resolve_minutes: 5 * D,
    priority: 4,
    color: '#cab2d6',
    keywords: ['vỉa hè', 'lấn chiếm', 'buôn bán'],
    weight: 10,
  },
  {
    code: 'do-xe-trai-phep',
    name: 'Đỗ xe trái phép',
    name_en: 'Illegal parking',
    agency_type: 'police',
    ack_minutes: 2 * H,
    resolve_minutes: D,
    priority: 3,
    color: '#fb9a99',
    keywords: ['đỗ xe', 'đậu xe', 'ô tô', 'chắn lối'],
    weight: 8,
  },
  {
    code: 'xay-dung-trai-phep',
    name: 'Xây dựng trái phép',
    name_en: 'Illegal construction',
    agency_type: 'construction',
    ack_minutes: 8 * H,
    resolve_minutes: 15 * D,
    priority: 4,
    color: '#a6761d',
    keywords: ['xây dựng', 'công trình', 'không phép'],
    weight: 4,
  },
  {
    code: 'tieng-on',
    name: 'Tiếng ồn',
    name_en: 'Noise',
    agency_type: 'police',
    ack_minutes: 4 * H,
    resolve_minutes: 3 * D,
    priority: 4,
    color: '#8dd3c7',
    keywords: ['ồn', 'karaoke', 'loa'],
    weight: 4,
  },
  {
    code: 'cap-nuoc',
    name: 'Mất nước, vỡ ống nước',
    name_en: 'Water supply failure',
    agency_type: 'water_supply',
    ack_minutes: 2 * H,
    resolve_minutes: 2 * D,
    priority: 2,
    color: '#80b1d3',
    keywords: ['mất nước', 'vỡ ống', 'nước sạch'],
    weight: 2,
  },
  {
    code: 'dien',
    name: 'Sự cố điện, dây điện',
    name_en: 'Power fault or loose cables',
    agency_type: 'electricity',
    ack_minutes: H,
    resolve_minutes: D,
    priority: 2,
    color: '#ffed6f',
    keywords: ['mất điện', 'dây điện', 'chập'],
    weight: 2,
  },
  {
    code: 'khac',
    name: 'Khác',
    name_en: 'Other',
    agency_type: 'people_committee',
    ack_minutes: 8 * H,
    resolve_minutes: 7 * D,
    priority: 5,
    color: '#999999',
    keywords: [],
    weight: 1,
  },
];

export interface AgencyDef {
  code: string;
  name: string;
  name_en: string;
  agency_type: string;
  phone: string;
}

/** City-wide agencies of Hà Nội; each answers for the whole city. */
// prettier-ignore -- one row per entry reads as a table
export const CITY_AGENCIES: AgencyDef[] = [
  {
    code: 'HN-URENCO',
    name: 'Công ty TNHH MTV Môi trường đô thị Hà Nội (URENCO)',
    name_en: 'Hanoi Urban Environment Company (URENCO)',
    agency_type: 'environment',
    phone: '024 3825 3000',
  },
  {
    code: 'HN-THOATNUOC',
    name: 'Công ty TNHH MTV Thoát nước Hà Nội',
    name_en: 'Hanoi Sewerage and Drainage Company',
    agency_type: 'drainage',
    phone: '024 3943 4466',
  },
  {
    code: 'HN-SOGTVT',
    name: 'Sở Giao thông Vận tải Hà Nội',
    name_en: 'Hanoi Department of Transport',
    agency_type: 'transport',
    phone: '024 3825 6418',
  },
  {
    code: 'HN-TTXD',
    name: 'Thanh tra Sở Xây dựng Hà Nội',
    name_en: 'Hanoi Construction Inspectorate',
    agency_type: 'construction',
    phone: '024 3825 3939',
  },
  {
    code: 'HN-HAPULICO',
    name: 'Công ty Chiếu sáng và Thiết bị đô thị Hà Nội (HAPULICO)',
    name_en: 'Hanoi Public Lighting Company (HAPULICO)',
    agency_type: 'lighting',
    phone: '024 3825 5212',
  },
  {
    code: 'HN-CAYXANH',
    name: 'Công ty TNHH MTV Công viên cây xanh Hà Nội',
    name_en: 'Hanoi Parks and Trees Company',
    agency_type: 'greenery',
    phone: '024 3943 1240',
  },
  {
    code: 'HN-CONGAN',
    name: 'Công an thành phố Hà Nội',
    name_en: 'Hanoi City Police',
    agency_type: 'police',
    phone: '113',
  },
  {
    code: 'HN-NUOCSACH',
    name: 'Tổng công ty Nước sạch Hà Nội',
    name_en: 'Hanoi Water Corporation',
    agency_type: 'water_supply',
    phone: '024 3829 1313',
  },
  {
    code: 'HN-EVN',
    name: 'Tổng công ty Điện lực TP Hà Nội (EVNHANOI)',
    name_en: 'Hanoi Power Corporation (EVNHANOI)',
    agency_type: 'electricity',
    phone: '1900 1288',
  },
  {
    code: 'HN-PCCC',
    name: 'Cảnh sát Phòng cháy, chữa cháy và Cứu nạn, cứu hộ Hà Nội',
    name_en: 'Hanoi Fire and Rescue Police',
    agency_type: 'rescue',
    phone: '114',
  },
  {
    code: 'HN-TTDT',
    name: 'Đội Trật tự đô thị thành phố Hà Nội',
    name_en: 'Hanoi Urban Order Team',
    agency_type: 'urban_order',
    phone: '024 3825 1234',
  },
];

export type DemoRole = 'citizen' | 'officer' | 'operator' | 'leader' | 'admin';

export interface DemoUserDef {
  username: string;
  display_name: string;
  role: DemoRole;
  /** Unit code for officers. */
  unit_code?: string;
}

export const DEMO_USERS: DemoUserDef[] = [
  { username: 'admin', display_name: 'Quản trị hệ thống', role: 'admin' },
  { username: 'operator', display_name: 'Trực ban IOC', role: 'operator' },
  { username: 'leader', display_name: 'Lãnh đạo thành phố', role: 'leader' },
  {
    username: 'officer.hoankiem',
    display_name: 'Cán bộ UBND quận Hoàn Kiếm',
    role: 'officer',
    unit_code: 'UBND-002',
  },
  { username: 'officer.urenco', display_name: 'Cán bộ URENCO', role: 'officer', unit_code: 'HN-URENCO' },
  { username: 'citizen', display_name: 'Nguyễn Văn Dân', role: 'citizen' },
];
