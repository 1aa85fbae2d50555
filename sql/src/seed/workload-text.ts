// Vietnamese text for generated reports: descriptions per category, reporter names, rejection reasons.

// prettier-ignore -- one row per entry reads as a table
export const DESCRIPTIONS: Record<string, string[]> = {
  'khan-cap': [
    'Tai nạn giao thông trên {street}, có người bị thương, cần hỗ trợ gấp',
    'Cháy nhà dân gần {street}, khói bốc lên nhiều',
  ],
  'ngap-ung': [
    'Đường {street} ngập sâu sau mưa, xe máy chết máy hàng loạt',
    'Nước ngập lênh láng ở {street}, không thoát được',
  ],
  'cong-thoat-nuoc': [
    'Nắp cống trên {street} bị vỡ, rất nguy hiểm cho người đi đường',
    'Cống thoát nước ở {street} bị tắc, bốc mùi hôi',
  ],
  'rac-thai': [
    'Rác thải tập kết bừa bãi trên vỉa hè {street}, bốc mùi hôi thối',
    'Phế thải xây dựng đổ trộm ở {street}',
    'Rác không được thu gom mấy ngày nay tại {street}',
  ],
  'o-nhiem': [
    'Khói bụi từ công trình trên {street} gây ô nhiễm',
    'Mùi hôi thối nồng nặc từ mương gần {street}',
  ],
  'duong-hu-hong': [
    'Ổ gà lớn giữa đường {street}, nhiều xe máy bị ngã',
    'Mặt đường {street} bị sụt lún, nứt vỡ',
  ],
  'den-tin-hieu': [
    'Đèn tín hiệu giao thông tại {street} không hoạt động, ùn tắc',
    'Đèn đỏ ở nút {street} bị hỏng từ sáng',
  ],
  'den-chieu-sang': [
    'Đèn chiếu sáng trên {street} không sáng, buổi tối rất tối',
    'Cột đèn đường ở {street} bị hỏng',
  ],
  'cay-xanh': [
    'Cây xanh trên {street} bị đổ, chắn một phần lòng đường',
    'Cành cây lớn ở {street} có nguy cơ gãy đổ',
  ],
  'lan-chiem-via-he': [
    'Hàng quán lấn chiếm vỉa hè {street}, người đi bộ phải xuống lòng đường',
    'Buôn bán lấn chiếm lòng đường ở {street}',
  ],
  'do-xe-trai-phep': [
    'Ô tô đỗ trái phép chắn lối đi trên {street}',
    'Xe máy đỗ tràn lan dưới lòng đường {street}',
  ],
  'xay-dung-trai-phep': [
    'Công trình xây dựng không phép trên {street}',
    'Nhà dân cơi nới trái phép ở {street}',
  ],
  'tieng-on': [
    'Karaoke gây ồn ào đến khuya gần {street}',
    'Công trình thi công ban đêm gây tiếng ồn ở {street}',
  ],
  'cap-nuoc': [
    'Khu vực {street} mất nước sinh hoạt hai ngày nay',
    'Vỡ ống nước trên {street}, nước chảy lênh láng',
  ],
  dien: ['Dây điện võng thấp, lộn xộn trên {street}', 'Mất điện cả khu phố gần {street}'],
  khac: [
    'Sự việc cần chính quyền xem xét tại {street}',
    'Phản ánh về tình trạng mất vệ sinh chung tại {street}',
  ],
};

export const REJECT_REASONS = [
  'Không thuộc thẩm quyền giải quyết của đơn vị',
  'Nội dung phản ánh không chính xác',
  'Phản ánh không đủ thông tin để xử lý',
];

export const RESOLUTION_NOTES = [
  'Đã cử cán bộ xuống hiện trường và xử lý xong',
  'Đơn vị đã khắc phục sự cố',
  'Đã xử lý, trả lại hiện trạng ban đầu',
];

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Phan',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Ngọc', 'Quang', 'Thanh', 'Hữu', 'Thùy'];
// prettier-ignore -- one row per entry reads as a table
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Ngân',
  'Phong',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
];

export function personName(r: () => number): string {
  return `${pick(FAMILY, r)} ${pick(MIDDLE, r)} ${pick(GIVEN, r)}`;
}

export function phoneNumber(r: () => number): string {
  const prefix = pick(['090', '091', '093', '096', '097', '098', '086', '088', '035', '038'], r);
  return prefix + String(Math.floor(r() * 1e7)).padStart(7, '0');
}

export function pick<T>(items: readonly T[], r: () => number): T {
  return items[Math.floor(r() * items.length)] as T;
}
