/**
 * The tutorial's words, per language: the Korean is the seed's own (shared/seed's notes, its
 * comments beside each cell), the English says the same. The cells themselves (code and output)
 * come from @ag/conformance's seedCells, never from here.
 */
export type Lang = 'en' | 'ko';

export interface TutorialProse {
  title: string;
  intro: string;
  /** Shown under a cell's code, above what it prints. */
  output: string;
  open: string;
  /** Notes after a cell, by its label (In [n]); a cell without one has none. */
  notes: Readonly<Record<string, string>>;
}

export const prose: Readonly<Record<Lang, TutorialProse>> = {
  en: {
    title: "Tutorial: PyTorch's autograd",
    intro: [
      "The seed tutorial (PyTorch's autograd tutorial, cells In [1] to In [14]) reproduced with ag. Autograd computes",
      'the derivatives backpropagation needs automatically. A tensor holds `data`, `grad` (the derivatives accumulated',
      'through the layers it went through) and `gradFn` (the function that computes them). A tensor made by an operation',
      'on a tensor with `requiresGrad: true` has a `gradFn`; a tensor the user creates has none, since no operation made it.',
      '',
      'Cells run in order and share their variables, as in a notebook. `print(v)` prints as Python prints; a value alone on',
      "a cell's last line shows its repr. Each cell's output below is the one PyTorch prints, and the tests check that ag",
      'prints exactly that. **Open in the playground** loads the cells up to that one into the playground.',
    ].join('\n'),
    output: 'Output',
    open: 'Open in the playground',
    notes: {
      'In [2]': '`requiresGrad: true` marks `a` as a value whose gradients must be computed.',
      'In [7]': [
        'Backpropagate. Calling it twice fails (see below): to save memory, the values backward no longer needs are',
        'freed.',
      ].join(' '),
      'In [8]': 'Unlike before, `a.grad` now has a value. `a` was created by the user, so it has no `gradFn`.',
      'In [9]':
        '`b` was made by an operation on `a` (which requires gradients), so it has a `gradFn`: the backward of `b = a + 2`.',
      'In [10]': '`gradFn` holds the backward of `c = b ** 2`.',
      'In [11]': '`gradFn` holds the backward of `out = c.sum()`.',
      'In [11+]':
        'A second backward through the same graph fails, as in PyTorch, unless the first passed `retainGraph: true`.',
      'In [13]': 'Since z = 3x², its derivative is 3 · 2x = 6 at x = 1.',
      'In [14]': [
        'Yet `x.grad` is [0.6, 6, 60]: the derivatives are multiplied by the `grad` passed to `backward`, in its shape',
        '(a vector-Jacobian product).',
      ].join(' '),
    },
  },
  ko: {
    title: '튜토리얼: PyTorch의 autograd',
    intro: [
      'seed 튜토리얼(PyTorch의 autograd 튜토리얼, In [1]부터 In [14]까지)을 ag로 옮긴 것이다.',
      'Autograd를 사용하면 backprop를 위한 미분 값을 자동으로 계산해 준다.',
      '텐서는 data, grad, gradFn으로 구성되어 있다.',
      '',
      '- data : Tensor 형태의 데이터가 담긴다.',
      '- grad : data가 거쳐온 layer에 대한 미분값이 축적된다.',
      '- gradFn : 미분 값을 계산한 함수에 대한 정보',
      '',
      'requiresGrad가 true인 tensor가 Function의 결과로 생성된 tensor는 gradFn를 가지고 있다.',
      '사용자가 직접 생성한 tensor는 gradFn를 가지고 있지 않다. 직접 생성한 Tensor는 직접적으로 연산하지 않으므로,',
      '기울기를 계산할 필요가 없기 때문이다.',
      '',
      '셀은 노트북처럼 순서대로 실행되며 변수를 공유한다. `print(v)`는 Python의 print처럼 출력하고, 셀의 마지막 줄에 있는 값은',
      'repr을 보여준다. 아래의 출력은 PyTorch가 출력하는 그대로이며, 테스트가 ag의 출력이 이와 똑같은지 검사한다.',
      '**플레이그라운드에서 열기**는 그 셀까지의 셀들을 플레이그라운드에 불러온다.',
    ].join('\n'),
    output: '출력',
    open: '플레이그라운드에서 열기',
    notes: {
      'In [2]': 'requiresGrad를 설정해 기울기를 계산해야 하는 값임을 알려준다.',
      'In [7]': [
        '역전파 한다. 두 번 호출하면 오류가 발생한다(아래 참고):',
        '메모리 최적화를 위해, 더 이상 필요하지 않은 값은 삭제해 버리기 때문이다.',
      ].join(' '),
      'In [8]': ['이전과 달리, grad의 값이 생긴다.', '사용자가 직접 생성한 tensor는 gradFn를 가지고 있지 않다.'].join(
        ' ',
      ),
      'In [9]': [
        'requiresGrad가 true인 tensor(a)가 Function의 결과로 생성된 tensor는 gradFn를 가지고 있다.',
        '`b = a + 2`에 대한 역전파를 할 때의 gradFn가 담긴다.',
      ].join(' '),
      'In [10]': '`c = b ** 2`에 대한 역전파를 할 때의 gradFn가 담긴다.',
      'In [11]': '`out = c.sum()`에 대한 역전파를 할 때의 gradFn가 담긴다.',
      'In [11+]':
        'PyTorch와 같이, 첫 번째 backward에 `retainGraph: true`를 주지 않았다면 같은 그래프로 두 번째 역전파를 할 수 없다.',
      'In [13]': 'z = 3 * x^2 이므로 이를 미분하면 3 * 2 * x(1) 이므로 6이 된다.',
      'In [14]': [
        '하지만, grad에서는 [ 0.6000,  6.0000, 60.0000]이 나오는데,',
        '이는 backward 매개변수로 넣어진 grad의 형태에 맞춰서 곱해지기 때문이다.',
      ].join(' '),
    },
  },
};
